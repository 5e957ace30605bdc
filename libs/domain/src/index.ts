/**
 * OxyLedger's domain: pure TypeScript, no framework, no I/O, no clock.
 *
 * - Aggregates as deciders: `decideCylinder` / `evolveCylinder`, `decideTrip` / `evolveTrip`.
 * - Operations over several streams, all-or-nothing: `decideRegisterCylinders`,
 *   `decideFillCylinders`, `decideLoadTrip`, `decideDeliverAtStop`, `decideUnloadTrip`,
 *   `decideCompleteTrip` (they throw `BatchRefused` listing every problem).
 * - Reference data with validators: facilities, vehicles, the cylinder size catalog.
 * - Events: versioned, with `upcastDomainEvent` for reading past schemas.
 *
 * Test helpers (given/when/then, factories) are in `@oxyledger/domain/testing`.
 */
export * from './shared/decider';
export * from './shared/domain-error';
export * from './shared/event';
export * from './shared/field-violation';
export * from './shared/time';
export { isSerial } from './shared/validation';

export * from './cylinder-size/cylinder-size';
export * from './gas-grade/gas-grade';
export * from './facility/facility';
export * from './vehicle/vehicle';

export * from './cylinder/cylinder.commands';
export * from './cylinder/cylinder.events';
export * from './cylinder/cylinder.state';
export * from './cylinder/cylinder.errors';
export type { CylinderConfig } from './cylinder/cylinder.decider';
export {
  DEFAULT_TEST_INTERVAL_YEARS,
  STANDARD_CYLINDER_CONFIG,
  cylinderDecider,
  decideCylinder,
  evolveCylinder,
} from './cylinder/cylinder.decider';

export * from './delivery-proof/delivery-proof';
export * from './delivery-receipt/delivery-receipt';
export * from './trip/trip.commands';
export * from './trip/trip.events';
export * from './trip/trip.state';
export * from './trip/trip.errors';
export * from './trip/trip.decider';
export * from './trip/trip-assignment';
export * from './vehicle/vehicle-booking';

export * from './domain-events';

export type {
  CylinderStates,
  CylindersDecision,
  StreamEvents,
  TripOperationDecision,
} from './operations/operation-decision';
export * from './operations/register-cylinders';
export * from './operations/fill-cylinders';
export * from './operations/load-trip';
export * from './operations/deliver-at-stop';
export * from './operations/unload-trip';
export * from './operations/complete-trip';
export * from './operations/abort-trip';
export * from './operations/cancel-trip';

export * from './supply/oxygen-need';
export * from './supply/supply-status';
export * from './hospital-demand/hospital-demand';
export * from './plant/plant';
export * from './supply/supply-level.events';
export * from './alert/alert';
export * from './scan-conflict/scan-conflict';
export * from './plan/route-plan';
export * from './recall/lot-recall';
export * from './help-request/help-request.events';
export * from './help-request/help-request';
