import { decideCylinderMovement } from '../cylinder/cylinder.decider';
import { CylinderEvent } from '../cylinder/cylinder.events';
import { initialCylinderState } from '../cylinder/cylinder.state';
import { collectRefusal, DomainError, InvalidCommand } from '../shared/domain-error';
import { IsoInstant } from '../shared/time';
import { isSerial, serialListProblems } from '../shared/validation';
import {
  CylinderStates,
  CylindersDecision,
  cylindersDecision,
  refuseIfAny,
} from './operation-decision';

/** A fill of one or more cylinders from one manifold at a producer's plant. */
export interface FillCylindersRequest {
  serials: string[];
  plantId: string;
  manifoldId?: string;
  lot: string;
  purityPercent: number;
  pressureBar: number;
  operatorId: string;
  at: IsoInstant;
}

/**
 * One `CylinderFilled` per cylinder, or `BatchRefused` listing every cylinder that may not be
 * filled and why (not empty, quarantined, test overdue, not at this plant...): the whole
 * manifold is recorded, or nothing.
 */
export function decideFillCylinders(
  request: FillCylindersRequest,
  cylinders: CylinderStates,
): CylindersDecision {
  const errors: DomainError[] = [];
  const serials = Array.isArray(request.serials) ? request.serials : [];
  if (serials.length === 0)
    errors.push(new InvalidCommand('serials', 'must list at least one cylinder'));
  errors.push(...serialListProblems(serials));

  const { serials: _serials, ...fill } = request;
  const events = new Map<string, CylinderEvent[]>();
  for (const serial of new Set(serials.filter(isSerial))) {
    const decided = collectRefusal(errors, () =>
      decideCylinderMovement(
        { type: 'FillCylinder', data: { ...fill, serial } },
        cylinders.get(serial) ?? initialCylinderState(),
      ),
    );
    if (decided) events.set(serial, decided);
  }
  refuseIfAny(errors);
  return cylindersDecision(events);
}
