import { DomainError, InvalidCommand } from '../shared/domain-error';
import { requireId, requireText } from '../shared/validation';
import type { Decider } from '../shared/decider';
import {
  HELP_REQUEST_CATEGORIES,
  HELP_REQUEST_URGENCIES,
  type HelpRequestAssignee,
  type HelpRequestCategory,
  type HelpRequestEvent,
  type HelpRequestStatus,
  type HelpRequestUrgency,
} from './help-request.events';

export type HelpRequestCommand =
  | {
      type: 'OpenHelpRequest';
      data: {
        requestId: string;
        category: HelpRequestCategory;
        urgency: HelpRequestUrgency;
        facilityId: string;
        title: string;
        description: string;
        photos?: string[];
        by: string;
      };
    }
  | {
      type: 'TriageHelpRequest';
      data: { requestId: string; urgency: HelpRequestUrgency; by: string };
    }
  | {
      type: 'AssignHelpRequest';
      data: { requestId: string; assignee: HelpRequestAssignee; by: string };
    }
  | { type: 'StartHelpRequest'; data: { requestId: string; by: string } }
  | { type: 'ResolveHelpRequest'; data: { requestId: string; resolution: string; by: string } }
  | { type: 'CloseHelpRequest'; data: { requestId: string; by: string } }
  | { type: 'ReopenHelpRequest'; data: { requestId: string; reason: string; by: string } }
  | { type: 'CommentOnHelpRequest'; data: { requestId: string; note: string; by: string } };

export interface OpenHelpRequestState {
  requestId: string;
  status: HelpRequestStatus;
  category: HelpRequestCategory;
  urgency: HelpRequestUrgency;
  facilityId: string;
  title: string;
  openedBy: string;
  assignee: HelpRequestAssignee | null;
}

/** `null`: no such request yet. */
export type HelpRequestState = OpenHelpRequestState | null;

export const MAX_HELP_REQUEST_PHOTOS = 5;
const SHA256 = /^[0-9a-f]{64}$/;

/** Which states each action may start from; anything else is a 409 naming the current state. */
const ALLOWED_FROM: Record<
  Exclude<HelpRequestCommand['type'], 'OpenHelpRequest'>,
  readonly HelpRequestStatus[]
> = {
  TriageHelpRequest: ['opened', 'triaged', 'reopened'],
  AssignHelpRequest: ['opened', 'triaged', 'assigned', 'in-progress', 'reopened'],
  StartHelpRequest: ['assigned'],
  ResolveHelpRequest: ['assigned', 'in-progress'],
  CloseHelpRequest: ['resolved'],
  ReopenHelpRequest: ['resolved', 'closed'],
  CommentOnHelpRequest: ['opened', 'triaged', 'assigned', 'in-progress', 'resolved', 'reopened'],
};

const ACTION_WORDS: Record<HelpRequestCommand['type'], string> = {
  OpenHelpRequest: 'be opened',
  TriageHelpRequest: 'be triaged',
  AssignHelpRequest: 'be assigned',
  StartHelpRequest: 'be started',
  ResolveHelpRequest: 'be resolved',
  CloseHelpRequest: 'be closed',
  ReopenHelpRequest: 'be reopened',
  CommentOnHelpRequest: 'take a comment',
};

/** The request's state forbids the action (HTTP 409); names the current state. */
export class HelpRequestTransitionRefused extends DomainError {
  readonly code = 'help-request.illegal-transition';
  readonly kind = 'conflict';

  constructor(requestId: string, action: HelpRequestCommand['type'], current: HelpRequestStatus) {
    const allowed = action === 'OpenHelpRequest' ? [] : ALLOWED_FROM[action];
    super(
      `Help request ${requestId} cannot ${ACTION_WORDS[action]}: it is ${current}` +
        (allowed.length ? ` (only when ${allowed.join(', ')})` : ' (it already exists)'),
      {
        rule:
          action === 'OpenHelpRequest'
            ? 'a help request is opened once'
            : `a help request can ${ACTION_WORDS[action]} only when ${allowed.join(', ')}`,
        currentState: current,
        requestId,
      },
    );
  }
}

export class HelpRequestNotFound extends DomainError {
  readonly code = 'help-request.not-found';
  readonly kind = 'not-found';

  constructor(requestId: string) {
    super(`No help request ${requestId}`, { rule: 'the help request must exist', requestId });
  }
}

export function decideHelpRequest(
  command: HelpRequestCommand,
  state: HelpRequestState,
): HelpRequestEvent[] {
  const requestId = requireId(command.data.requestId, 'requestId');
  const by = requireId(command.data.by, 'by');
  if (command.type === 'OpenHelpRequest') {
    const { data } = command;
    const opened = {
      requestId,
      category: requireOneOf(data.category, HELP_REQUEST_CATEGORIES, 'category'),
      urgency: requireOneOf(data.urgency, HELP_REQUEST_URGENCIES, 'urgency'),
      facilityId: requireId(data.facilityId, 'facilityId'),
      title: requireText(data.title, 'title', {}, 200).trim(),
      description: requireText(data.description, 'description', {}, 5000).trim(),
      openedBy: by,
      ...(data.photos?.length ? { photos: requirePhotos(data.photos) } : {}),
    };
    if (state) throw new HelpRequestTransitionRefused(requestId, command.type, state.status);
    return [{ type: 'HelpRequestOpened', version: 1, data: opened }];
  }
  // Fields first: a malformed command is a 422 whatever the state.
  const event = eventFor(command, requestId, by);
  if (!state) throw new HelpRequestNotFound(requestId);
  if (!ALLOWED_FROM[command.type].includes(state.status)) {
    throw new HelpRequestTransitionRefused(requestId, command.type, state.status);
  }
  if (
    event.type === 'HelpRequestAssigned' &&
    state.assignee?.kind === event.data.assignee.kind &&
    state.assignee.id === event.data.assignee.id
  ) {
    return [];
  }
  return [event];
}

function eventFor(
  command: Exclude<HelpRequestCommand, { type: 'OpenHelpRequest' }>,
  requestId: string,
  by: string,
): HelpRequestEvent {
  switch (command.type) {
    case 'TriageHelpRequest':
      return {
        type: 'HelpRequestTriaged',
        version: 1,
        data: {
          requestId,
          urgency: requireOneOf(command.data.urgency, HELP_REQUEST_URGENCIES, 'urgency'),
          triagedBy: by,
        },
      };
    case 'AssignHelpRequest': {
      const { assignee } = command.data;
      if (!assignee || (assignee.kind !== 'person' && assignee.kind !== 'organisation')) {
        throw new InvalidCommand('assignee.kind', 'must be person or organisation');
      }
      const id = requireId(assignee.id, 'assignee.id');
      const userId =
        assignee.userId === undefined ? undefined : requireId(assignee.userId, 'assignee.userId');
      return {
        type: 'HelpRequestAssigned',
        version: 1,
        data: {
          requestId,
          assignee: { kind: assignee.kind, id, ...(userId ? { userId } : {}) },
          assignedBy: by,
        },
      };
    }
    case 'StartHelpRequest':
      return { type: 'HelpRequestStarted', version: 1, data: { requestId, by } };
    case 'ResolveHelpRequest':
      return {
        type: 'HelpRequestResolved',
        version: 1,
        data: {
          requestId,
          resolution: requireText(command.data.resolution, 'resolution', {}, 2000).trim(),
          by,
        },
      };
    case 'CloseHelpRequest':
      return { type: 'HelpRequestClosed', version: 1, data: { requestId, by } };
    case 'ReopenHelpRequest':
      return {
        type: 'HelpRequestReopened',
        version: 1,
        data: {
          requestId,
          reason: requireText(command.data.reason, 'reason', {}, 2000).trim(),
          by,
        },
      };
    case 'CommentOnHelpRequest':
      return {
        type: 'HelpRequestCommented',
        version: 1,
        data: { requestId, note: requireText(command.data.note, 'note', {}, 2000).trim(), by },
      };
  }
}

export function evolveHelpRequest(
  state: HelpRequestState,
  event: HelpRequestEvent,
): HelpRequestState {
  if (event.type === 'HelpRequestOpened') {
    const { requestId, category, urgency, facilityId, title, openedBy } = event.data;
    return {
      requestId,
      status: 'opened',
      category,
      urgency,
      facilityId,
      title,
      openedBy,
      assignee: null,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'HelpRequestTriaged':
      return { ...state, status: 'triaged', urgency: event.data.urgency };
    case 'HelpRequestAssigned':
      return { ...state, status: 'assigned', assignee: event.data.assignee };
    case 'HelpRequestStarted':
      return { ...state, status: 'in-progress' };
    case 'HelpRequestResolved':
      return { ...state, status: 'resolved' };
    case 'HelpRequestClosed':
      return { ...state, status: 'closed' };
    case 'HelpRequestReopened':
      return { ...state, status: 'reopened' };
    case 'HelpRequestCommented':
      return state;
  }
}

export const helpRequestDecider: Decider<HelpRequestState, HelpRequestCommand, HelpRequestEvent> = {
  decide: decideHelpRequest,
  evolve: evolveHelpRequest,
  initialState: () => null,
};

function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidCommand(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function requirePhotos(photos: unknown): string[] {
  if (!Array.isArray(photos) || photos.length > MAX_HELP_REQUEST_PHOTOS) {
    throw new InvalidCommand(
      'photos',
      `must be a list of at most ${MAX_HELP_REQUEST_PHOTOS} photo hashes`,
    );
  }
  photos.forEach((hash, k) => {
    if (typeof hash !== 'string' || !SHA256.test(hash)) {
      throw new InvalidCommand(
        `photos[${k}]`,
        'must be the SHA-256 (64 lowercase hex) of an uploaded photo',
      );
    }
  });
  return [...new Set(photos as string[])];
}
