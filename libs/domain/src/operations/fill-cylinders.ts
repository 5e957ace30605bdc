import { CylinderConfig, decideCylinder } from '../cylinder/cylinder.decider';
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
  /** `failed`: the QC check failed on purpose; the cylinders are quarantined with the reading. */
  qcResult?: 'passed' | 'failed';
  at: IsoInstant;
}

/**
 * One `CylinderFilled` per cylinder, or `BatchRefused` listing every cylinder that may not be
 * filled and why (not empty, quarantined, test overdue, not at this plant, purity or pressure
 * outside the band...): the whole
 * manifold is recorded, or nothing.
 */
export function decideFillCylinders(
  request: FillCylindersRequest,
  cylinders: CylinderStates,
  config: CylinderConfig,
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
      decideCylinder(
        { type: 'FillCylinder', data: { ...fill, serial } },
        cylinders.get(serial) ?? initialCylinderState(),
        config,
      ),
    );
    if (decided) events.set(serial, decided);
  }
  refuseIfAny(errors);
  return cylindersDecision(events);
}
