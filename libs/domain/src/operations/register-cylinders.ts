import { CylinderRegistration } from '../cylinder/cylinder.commands';
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

/** Register one cylinder or a batch (e.g. a delivery of new cylinders, a fleet migration). */
export interface RegisterCylindersRequest {
  cylinders: CylinderRegistration[];
  at: IsoInstant;
}

/**
 * One `CylinderRegistered` per cylinder, or `BatchRefused` listing every problem (a serial
 * already registered, an unknown size, a malformed field...): all are registered, or none.
 * `existing` holds the states of the serials' streams (a missing serial has none).
 */
export function decideRegisterCylinders(
  request: RegisterCylindersRequest,
  existing: CylinderStates,
  config: CylinderConfig,
): CylindersDecision {
  const errors: DomainError[] = [];
  const registrations = Array.isArray(request.cylinders) ? request.cylinders : [];
  if (registrations.length === 0)
    errors.push(new InvalidCommand('cylinders', 'must list at least one cylinder'));
  errors.push(...serialListProblems(registrations.map((registration) => registration?.serial)));

  const events = new Map<string, CylinderEvent[]>();
  for (const registration of registrations) {
    // Malformed and repeated serials are already reported by serialListProblems.
    if (!isSerial(registration?.serial) || events.has(registration.serial)) continue;
    const decided = collectRefusal(errors, () =>
      decideCylinder(
        { type: 'RegisterCylinder', data: { ...registration, at: request.at } },
        existing.get(registration.serial) ?? initialCylinderState(),
        config,
      ),
    );
    if (decided) events.set(registration.serial, decided);
  }
  refuseIfAny(errors);
  return cylindersDecision(events);
}
