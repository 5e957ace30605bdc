import { decideCylinderMovement } from '../cylinder/cylinder.decider';
import { CylinderCommand, FillCylinder, RegisterCylinder } from '../cylinder/cylinder.commands';
import { CylinderEvent } from '../cylinder/cylinder.events';
import { initialCylinderState } from '../cylinder/cylinder.state';
import { collectRefusal, DomainError } from '../shared/domain-error';
import { isSerial } from '../shared/validation';
import { TripCylinder } from '../trip/trip.state';
import { CylinderStates } from './operation-decision';

/**
 * Decides one cylinder command per serial (each serial once), collecting refusals into
 * `errors` and events into `events`. Returns the serials with their sizes, for the trip's
 * capacity check (serials that are not registered have no size and are left out).
 */
export function decideForEach(
  serials: readonly unknown[],
  cylinders: CylinderStates,
  commandFor: (serial: string) => Exclude<CylinderCommand, RegisterCylinder | FillCylinder>,
  events: Map<string, CylinderEvent[]>,
  errors: DomainError[],
): TripCylinder[] {
  const sized: TripCylinder[] = [];
  for (const serial of new Set(serials.filter(isSerial))) {
    const state = cylinders.get(serial) ?? initialCylinderState();
    const decided = collectRefusal(errors, () => decideCylinderMovement(commandFor(serial), state));
    if (decided) events.set(serial, [...(events.get(serial) ?? []), ...decided]);
    if (state.status !== 'UNREGISTERED') sized.push({ serial, sizeCode: state.sizeCode });
  }
  return sized;
}
