import { InvalidCommand } from '../shared/domain-error';
import { specificationFor } from '../testing/given-when-then';
import {
  helpRequestDecider,
  HelpRequestNotFound,
  HelpRequestTransitionRefused,
  type HelpRequestCommand,
} from './help-request';
import type { HelpRequestEvent } from './help-request.events';

const given = specificationFor(helpRequestDecider);
const requestId = 'hr-1';

const opened: HelpRequestEvent = {
  type: 'HelpRequestOpened',
  version: 1,
  data: {
    requestId,
    category: 'plant-breakdown',
    urgency: 'high',
    facilityId: 'basra-psa-1',
    title: 'PSA plant down',
    description: 'Compressor tripped, no output since 06:00',
    openedBy: 'u-producer',
  },
};
const triaged: HelpRequestEvent = {
  type: 'HelpRequestTriaged',
  version: 1,
  data: { requestId, urgency: 'critical', triagedBy: 'u-dispatcher' },
};
const assignee = { kind: 'person' as const, id: 'p-ali', userId: 'u-ali' };
const assigned: HelpRequestEvent = {
  type: 'HelpRequestAssigned',
  version: 1,
  data: { requestId, assignee, assignedBy: 'u-dispatcher' },
};
const started: HelpRequestEvent = {
  type: 'HelpRequestStarted',
  version: 1,
  data: { requestId, by: 'u-ali' },
};
const resolved: HelpRequestEvent = {
  type: 'HelpRequestResolved',
  version: 1,
  data: { requestId, resolution: 'Replaced the compressor relay', by: 'u-ali' },
};
const closed: HelpRequestEvent = {
  type: 'HelpRequestClosed',
  version: 1,
  data: { requestId, by: 'u-producer' },
};

const open: HelpRequestCommand = {
  type: 'OpenHelpRequest',
  data: {
    requestId,
    category: 'plant-breakdown',
    urgency: 'high',
    facilityId: 'basra-psa-1',
    title: ' PSA plant down ',
    description: 'Compressor tripped, no output since 06:00',
    by: 'u-producer',
  },
};
const triage: HelpRequestCommand = {
  type: 'TriageHelpRequest',
  data: { requestId, urgency: 'critical', by: 'u-dispatcher' },
};
const assign: HelpRequestCommand = {
  type: 'AssignHelpRequest',
  data: { requestId, assignee, by: 'u-dispatcher' },
};
const start: HelpRequestCommand = { type: 'StartHelpRequest', data: { requestId, by: 'u-ali' } };
const resolve: HelpRequestCommand = {
  type: 'ResolveHelpRequest',
  data: { requestId, resolution: 'Replaced the compressor relay', by: 'u-ali' },
};
const close: HelpRequestCommand = {
  type: 'CloseHelpRequest',
  data: { requestId, by: 'u-producer' },
};
const reopen: HelpRequestCommand = {
  type: 'ReopenHelpRequest',
  data: { requestId, reason: 'Tripped again overnight', by: 'u-producer' },
};

describe('help request lifecycle', () => {
  it('opens a request once, trimming its title', () => {
    given([]).when(open).then([opened]);
    given([opened])
      .when(open)
      .thenThrows(HelpRequestTransitionRefused, (e) => expect(e.currentState).toBe('opened'));
  });

  it('walks opened → triaged → assigned → in progress → resolved → closed', () => {
    given([opened]).when(triage).then([triaged]);
    given([opened, triaged]).when(assign).then([assigned]);
    given([opened, triaged, assigned]).when(start).then([started]);
    given([opened, triaged, assigned, started]).when(resolve).then([resolved]);
    given([opened, triaged, assigned, started, resolved]).when(close).then([closed]);
  });

  it('assigns straight from opened and resolves without a start', () => {
    given([opened]).when(assign).then([assigned]);
    given([opened, assigned]).when(resolve).then([resolved]);
  });

  it('reopens a resolved or closed request, which can then be assigned again', () => {
    const reopened: HelpRequestEvent = {
      type: 'HelpRequestReopened',
      version: 1,
      data: { requestId, reason: 'Tripped again overnight', by: 'u-producer' },
    };
    given([opened, assigned, resolved]).when(reopen).then([reopened]);
    given([opened, assigned, resolved, closed]).when(reopen).then([reopened]);
    const other = { kind: 'organisation' as const, id: 'org-unicef' };
    given([opened, assigned, resolved, closed, reopened])
      .when({ type: 'AssignHelpRequest', data: { requestId, assignee: other, by: 'u-d' } })
      .then([
        {
          type: 'HelpRequestAssigned',
          version: 1,
          data: { requestId, assignee: other, assignedBy: 'u-d' },
        },
      ]);
  });

  it.each<[string, HelpRequestEvent[], HelpRequestCommand, string]>([
    ['start before assignment', [opened], start, 'opened'],
    ['resolve before assignment', [opened, triaged], resolve, 'triaged'],
    ['close an unresolved request', [opened, assigned, started], close, 'in-progress'],
    ['reopen an open request', [opened], reopen, 'opened'],
    ['triage a closed request', [opened, assigned, resolved, closed], triage, 'closed'],
    ['start twice', [opened, assigned, started], start, 'in-progress'],
  ])('refuses to %s, naming the current state', (_what, history, command, current) => {
    given(history)
      .when(command)
      .thenThrows(HelpRequestTransitionRefused, (error) => {
        expect(error.kind).toBe('conflict');
        expect(error.currentState).toBe(current);
        expect(error.message).toContain(`it is ${current}`);
      });
  });

  it('records assigning the same assignee again as nothing', () => {
    given([opened, assigned]).when(assign).then([]);
  });

  it('takes comments until closed', () => {
    const comment: HelpRequestCommand = {
      type: 'CommentOnHelpRequest',
      data: { requestId, note: 'Spare part ordered', by: 'u-ali' },
    };
    given([opened, assigned])
      .when(comment)
      .then([
        {
          type: 'HelpRequestCommented',
          version: 1,
          data: { requestId, note: 'Spare part ordered', by: 'u-ali' },
        },
      ]);
    given([opened, assigned, resolved, closed])
      .when(comment)
      .thenThrows(HelpRequestTransitionRefused);
  });

  it('refuses an action on a request that does not exist', () => {
    given([]).when(start).thenThrows(HelpRequestNotFound);
  });

  it('refuses malformed fields, naming the field and the rule', () => {
    const bad = (data: object) =>
      ({ ...open, data: { ...open.data, ...data } }) as HelpRequestCommand;
    for (const [data, field] of [
      [{ category: 'party' }, 'category'],
      [{ urgency: 'whenever' }, 'urgency'],
      [{ title: '  ' }, 'title'],
      [{ description: '' }, 'description'],
      [{ facilityId: '' }, 'facilityId'],
      [{ photos: ['not-a-hash'] }, 'photos[0]'],
    ] as const) {
      given([])
        .when(bad(data))
        .thenThrows(InvalidCommand, (e) => expect(e.field).toBe(field));
    }
    given([opened, assigned])
      .when({ ...resolve, data: { requestId, resolution: '', by: 'u' } } as HelpRequestCommand)
      .thenThrows(InvalidCommand, (e) => expect(e.field).toBe('resolution'));
  });

  it('keeps photo hashes in the opening event, each once', () => {
    const hash = 'a'.repeat(64);
    given([])
      .when({ ...open, data: { ...open.data, photos: [hash, hash] } } as HelpRequestCommand)
      .then([{ ...opened, data: { ...opened.data, photos: [hash] } } as HelpRequestEvent]);
  });
});
