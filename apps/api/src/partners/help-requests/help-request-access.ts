import type { HelpRequestCommand, OpenHelpRequestState } from '@oxyledger/domain';
import type { Actor } from '../../access/actor';
import { ForbiddenActionError } from '../../access/authorization';

export type HelpRequestAction = HelpRequestCommand['type'];

/** The directory records an actor is (a partner's person and organisation). */
export interface PartnerLinks {
  personIds: readonly string[];
  organisationIds: readonly string[];
}

export const NO_LINKS: PartnerLinks = { personIds: [], organisationIds: [] };

/**
 * Who may do what on a help request:
 * - open: a hospital or plant user at their own facility, a dispatcher, an admin;
 * - triage and assign: dispatchers and admins;
 * - start and resolve: whoever it is assigned to (the person, or a person of the organisation),
 *   dispatchers and admins;
 * - close and reopen: the facility's staff, whoever opened it, dispatchers and admins;
 * - comment: anyone who may act on it in another way, and the facility's staff.
 * Analysts read and never write; drivers have no part in help requests.
 */
export function assertMayActOnHelpRequest(
  actor: Actor,
  action: HelpRequestAction,
  request: Pick<OpenHelpRequestState, 'facilityId' | 'openedBy' | 'assignee'>,
  links: PartnerLinks,
): void {
  if (actor.role === 'admin' || actor.role === 'dispatcher') return;
  const atFacility =
    (actor.role === 'hospital' || actor.role === 'producer') &&
    actor.facilityId === request.facilityId;
  const assignee = request.assignee;
  const onIt =
    assignee !== null &&
    (assignee.userId === actor.userId ||
      (assignee.kind === 'person' && links.personIds.includes(assignee.id)) ||
      (assignee.kind === 'organisation' && links.organisationIds.includes(assignee.id)));
  const allowed: Record<HelpRequestAction, boolean> = {
    OpenHelpRequest: atFacility,
    TriageHelpRequest: false,
    AssignHelpRequest: false,
    StartHelpRequest: onIt,
    ResolveHelpRequest: onIt,
    CloseHelpRequest: atFacility || request.openedBy === actor.userId,
    ReopenHelpRequest: atFacility || request.openedBy === actor.userId,
    CommentOnHelpRequest: atFacility || onIt || request.openedBy === actor.userId,
  };
  if (allowed[action] && actor.role !== 'analyst' && actor.role !== 'driver') return;
  throw new ForbiddenActionError('access.role-required', refusal(actor, action));
}

function refusal(actor: Actor, action: HelpRequestAction): string {
  switch (action) {
    case 'OpenHelpRequest':
      return `A ${actor.role} user may not open a help request for this facility: hospital and plant users open them for their own facility, dispatchers and admins for any`;
    case 'TriageHelpRequest':
    case 'AssignHelpRequest':
      return `Only dispatchers and admins triage and assign help requests; you are ${actor.role}`;
    case 'StartHelpRequest':
    case 'ResolveHelpRequest':
      return 'Only whoever the request is assigned to, dispatchers and admins may start or resolve it';
    case 'CloseHelpRequest':
    case 'ReopenHelpRequest':
      return "Only the facility's staff, whoever opened the request, dispatchers and admins may close or reopen it";
    case 'CommentOnHelpRequest':
      return 'Only people taking part in the request may comment on it';
  }
}
