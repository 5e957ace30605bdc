import type { OpenHelpRequestState } from '@oxyledger/domain';
import { ROLES, type Actor, type Role } from '../../access/actor';
import { ForbiddenActionError } from '../../access/authorization';
import { assertMayActOnHelpRequest, type HelpRequestAction, NO_LINKS } from './help-request-access';

const request: Pick<OpenHelpRequestState, 'facilityId' | 'openedBy' | 'assignee'> = {
  facilityId: 'basra-psa-1',
  openedBy: 'u-opener',
  assignee: { kind: 'person', id: 'ali-hassan', userId: 'u-ali' },
};

const actorOf = (role: Role): Actor => ({
  userId: `u-${role}`,
  role,
  ...(role === 'producer' || role === 'hospital' ? { facilityId: 'elsewhere' } : {}),
});

/** Who may do what on a request of another facility, by role alone (written out by hand). */
const MAY: Record<HelpRequestAction, Role[]> = {
  OpenHelpRequest: ['dispatcher', 'admin'],
  TriageHelpRequest: ['dispatcher', 'admin'],
  AssignHelpRequest: ['dispatcher', 'admin'],
  StartHelpRequest: ['dispatcher', 'admin'],
  ResolveHelpRequest: ['dispatcher', 'admin'],
  CloseHelpRequest: ['dispatcher', 'admin'],
  ReopenHelpRequest: ['dispatcher', 'admin'],
  CommentOnHelpRequest: ['dispatcher', 'admin'],
};

const allowed = (actor: Actor, action: HelpRequestAction, links = NO_LINKS) => {
  try {
    assertMayActOnHelpRequest(actor, action, request, links);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(ForbiddenActionError);
    return false;
  }
};

describe('who may act on a help request', () => {
  it.each(Object.keys(MAY) as HelpRequestAction[])(
    '%s, for every role, by role alone',
    (action) => {
      for (const role of ROLES)
        expect({ role, may: allowed(actorOf(role), action) }).toEqual({
          role,
          may: MAY[action].includes(role),
        });
    },
  );

  it('lets the facility’s own staff open, close, reopen and comment, not triage or assign', () => {
    const producer: Actor = { userId: 'u-p', role: 'producer', facilityId: 'basra-psa-1' };
    for (const action of [
      'OpenHelpRequest',
      'CloseHelpRequest',
      'ReopenHelpRequest',
      'CommentOnHelpRequest',
    ] as const)
      expect(allowed(producer, action)).toBe(true);
    for (const action of ['TriageHelpRequest', 'AssignHelpRequest', 'StartHelpRequest'] as const)
      expect(allowed(producer, action)).toBe(false);
  });

  it('lets the assignee start, resolve and comment: as the user, or through their organisation', () => {
    const ali: Actor = { userId: 'u-ali', role: 'partner' };
    expect(allowed(ali, 'StartHelpRequest')).toBe(true);
    expect(allowed(ali, 'ResolveHelpRequest')).toBe(true);
    expect(allowed(ali, 'CloseHelpRequest')).toBe(false);
    const colleague: Actor = { userId: 'u-colleague', role: 'partner' };
    expect(allowed(colleague, 'ResolveHelpRequest')).toBe(false);
    const orgRequest = { ...request, assignee: { kind: 'organisation' as const, id: 'zagros' } };
    const links = { personIds: ['colleague'], organisationIds: ['zagros'] };
    expect(() =>
      assertMayActOnHelpRequest(colleague, 'ResolveHelpRequest', orgRequest, links),
    ).not.toThrow();
  });

  it('never lets an analyst write, even as the opener', () => {
    const analyst: Actor = { userId: 'u-opener', role: 'analyst' };
    expect(allowed(analyst, 'CloseHelpRequest')).toBe(false);
    expect(allowed(analyst, 'CommentOnHelpRequest')).toBe(false);
  });
});
