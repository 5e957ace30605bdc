import { deliveryProof } from '../delivery-proof/delivery-proof';
import { CylinderSizeCatalog, STANDARD_CYLINDER_SIZES } from '../cylinder-size/cylinder-size';
import { GasGradeCatalog, STANDARD_GAS_GRADES } from '../gas-grade/gas-grade';
import { FacilityRef, isFacilityKind } from '../facility/facility';
import { Decider } from '../shared/decider';
import { InconsistentStream, InvalidCommand } from '../shared/domain-error';
import { utcDateOf } from '../shared/time';
import {
  requireDate,
  requireId,
  requireInstant,
  requireIntegerInRange,
  requireNumberInRange,
  requireSerial,
  requireText,
} from '../shared/validation';
import {
  CollectCylinder,
  CondemnCylinder,
  CylinderCommand,
  DeliverCylinder,
  FillCylinder,
  LoadCylinder,
  MarkCylinderEmpty,
  PutCylinderInUse,
  QuarantineCylinder,
  RecordCylinderTest,
  RegisterCylinder,
  ReleaseCylinder,
  ReportCylinderFound,
  ReportCylinderLost,
  UnloadCylinder,
} from './cylinder.commands';
import {
  CylinderAlreadyOnTrip,
  CylinderIsCondemned,
  CylinderIsLost,
  CylinderNotAtFacility,
  CylinderNotAtHospital,
  CylinderNotAtProducerPlant,
  CylinderNotAtTripOrigin,
  CylinderNotEmpty,
  CylinderNotFull,
  CylinderNotInUse,
  CylinderNotLost,
  CylinderNotOnThisTrip,
  CylinderNotQuarantined,
  CylinderNotRegistered,
  CylinderNotResting,
  CylinderNotTestable,
  CylinderIsQuarantined,
  FillOutsideSpecification,
  FoundCylinderMustBeEmpty,
  HydrostaticTestOverdue,
  OccurredBeforePreviousEvent,
  RegistrationNotAtProducerPlant,
  SerialAlreadyRegistered,
  TestDateBeforeLastTest,
} from './cylinder.errors';
import { cylinderEvent, CylinderEvent, CylinderEventType } from './cylinder.events';
import {
  Cylinder,
  CylinderProfile,
  CylinderState,
  describeCylinderState,
  FacilityLocation,
  initialCylinderState,
  isRegistered,
  isTestOverdue,
  testDueDate,
} from './cylinder.state';

/** Configuration the cylinder's decisions need. */
export interface CylinderConfig {
  sizes: CylinderSizeCatalog;
  /** Gas grades and their purity bands; a cylinder registers with one of them. */
  grades: GasGradeCatalog;
  /** Years between periodic tests when a registration does not say. */
  defaultTestIntervalYears: number;
}

export const DEFAULT_TEST_INTERVAL_YEARS = 5;

/** The standard medical sizes and grades, and a five-year test interval. */
export const STANDARD_CYLINDER_CONFIG: CylinderConfig = {
  sizes: new CylinderSizeCatalog(STANDARD_CYLINDER_SIZES),
  grades: new GasGradeCatalog(STANDARD_GAS_GRADES),
  defaultTestIntervalYears: DEFAULT_TEST_INTERVAL_YEARS,
};

/** Decides one command on one cylinder: the events it causes, or a `DomainError`. */
export function decideCylinder(
  command: CylinderCommand,
  state: CylinderState,
  config: CylinderConfig,
): CylinderEvent[] {
  if (command.type === 'RegisterCylinder') return register(command, state, config);
  if (command.type === 'FillCylinder')
    return inOrder(command, state, () => fill(command, state, config));
  return decideCylinderMovement(command, state);
}

/** Every command but registration and fill: these need no configuration. */
export function decideCylinderMovement(
  command: Exclude<CylinderCommand, RegisterCylinder | FillCylinder>,
  state: CylinderState,
): CylinderEvent[] {
  return inOrder(command, state, () => decideMovement(command, state));
}

/**
 * A command may not claim to have happened before the cylinder's previous event: a clock set
 * wrong would otherwise reorder its history (a delivery before the fill it carried).
 */
function inOrder(
  command: Exclude<CylinderCommand, RegisterCylinder>,
  state: CylinderState,
  decide: () => CylinderEvent[],
): CylinderEvent[] {
  const events = decide();
  const previous = isRegistered(state) ? state.lastEventAt : undefined;
  const at = command.data.at;
  if (previous !== undefined && Date.parse(at) < Date.parse(previous)) {
    throw new OccurredBeforePreviousEvent(
      command.data.serial,
      describeAction(command),
      at,
      previous,
    );
  }
  return events;
}

function describeAction(command: CylinderCommand): string {
  return command.type
    .replace(/Cylinder/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function decideMovement(
  command: Exclude<CylinderCommand, RegisterCylinder | FillCylinder>,
  state: CylinderState,
): CylinderEvent[] {
  switch (command.type) {
    case 'LoadCylinder':
      return load(command, state);
    case 'DeliverCylinder':
      return deliver(command, state);
    case 'CollectCylinder':
      return collect(command, state);
    case 'UnloadCylinder':
      return unload(command, state);
    case 'PutCylinderInUse':
      return putInUse(command, state);
    case 'MarkCylinderEmpty':
      return markEmpty(command, state);
    case 'RecordCylinderTest':
      return recordTest(command, state);
    case 'QuarantineCylinder':
      return quarantine(command, state);
    case 'ReleaseCylinder':
      return release(command, state);
    case 'CondemnCylinder':
      return condemn(command, state);
    case 'ReportCylinderLost':
      return reportLost(command, state);
    case 'ReportCylinderFound':
      return reportFound(command, state);
  }
}

/** The cylinder as a Decider, for the command handler and the given/when/then tests. */
export function cylinderDecider(
  config: CylinderConfig,
): Decider<CylinderState, CylinderCommand, CylinderEvent> {
  return {
    decide: (command, state) => decideCylinder(command, state, config),
    evolve: evolveCylinder,
    initialState: initialCylinderState,
  };
}

// ---------------------------------------------------------------------------------------------
// decide

function register(
  { data }: RegisterCylinder,
  state: CylinderState,
  config: CylinderConfig,
): CylinderEvent[] {
  const serial = requireSerial(data.serial);
  const context = { serial };
  if (state.status !== 'UNREGISTERED') {
    throw new SerialAlreadyRegistered(serial, describeCylinderState(state));
  }
  config.sizes.get(data.sizeCode, serial);
  requireId(data.ownerId, 'ownerId', context);
  requireText(data.gasGrade, 'gasGrade', context, 64);
  config.grades.get(data.gasGrade, serial);
  const manufactureDate = requireDate(data.manufactureDate, 'manufactureDate', context);
  const lastTestDate = requireDate(data.lastTestDate, 'lastTestDate', context);
  const at = requireInstant(data.at, 'at', context);
  const testIntervalYears = requireIntegerInRange(
    data.testIntervalYears ?? config.defaultTestIntervalYears,
    'testIntervalYears',
    { min: 1, max: 20 },
    context,
  );
  const facility = requireFacilityRef(data.facility, 'facility', context);
  if (manufactureDate > utcDateOf(at)) {
    throw new InvalidCommand('manufactureDate', 'must not be after the registration', context);
  }
  if (lastTestDate < manufactureDate || lastTestDate > utcDateOf(at)) {
    throw new InvalidCommand(
      'lastTestDate',
      'must be between manufacture and registration',
      context,
    );
  }
  if (data.migratedAs !== undefined && data.migratedAs !== 'EMPTY' && data.migratedAs !== 'FULL') {
    throw new InvalidCommand('migratedAs', 'must be EMPTY or FULL', context);
  }
  if (data.migratedAs === undefined && facility.kind !== 'producer') {
    throw new RegistrationNotAtProducerPlant(serial, facility.id, facility.kind);
  }
  return [
    cylinderEvent(CylinderEventType.Registered, {
      serial,
      sizeCode: data.sizeCode,
      ownerId: data.ownerId,
      gasGrade: data.gasGrade,
      manufactureDate,
      lastTestDate,
      testIntervalYears,
      facilityId: facility.id,
      facilityKind: facility.kind,
      status: data.migratedAs ?? 'EMPTY',
      migrated: data.migratedAs !== undefined,
      at,
    }),
  ];
}

function fill(
  { data }: FillCylinder,
  state: CylinderState,
  config: CylinderConfig,
): CylinderEvent[] {
  const action = 'filled';
  const serial = requireSerial(data.serial);
  const context = { serial };
  const plantId = requireId(data.plantId, 'plantId', context);
  if (data.manifoldId !== undefined) requireId(data.manifoldId, 'manifoldId', context);
  requireText(data.lot, 'lot', context, 64);
  requireNumberInRange(
    data.purityPercent,
    'purityPercent',
    { min: 0, max: 100, minExclusive: true },
    context,
  );
  requireNumberInRange(
    data.pressureBar,
    'pressureBar',
    { min: 0, max: 400, minExclusive: true },
    context,
  );
  requireId(data.operatorId, 'operatorId', context);
  if (data.qcResult !== undefined && data.qcResult !== 'passed' && data.qcResult !== 'failed') {
    throw new InvalidCommand('qcResult', 'must be passed or failed when given', context);
  }
  const at = requireInstant(data.at, 'at', context);

  const cylinder = active(state, serial, action);
  if (cylinder.status === 'QUARANTINED')
    throw new CylinderIsQuarantined(serial, action, describe(cylinder));
  if (cylinder.status !== 'EMPTY') throw new CylinderNotEmpty(serial, action, describe(cylinder));
  if (cylinder.location.facilityId !== plantId) {
    throw new CylinderNotAtFacility(serial, action, plantId, describe(cylinder));
  }
  if (cylinder.location.facilityKind !== 'producer') {
    throw new CylinderNotAtProducerPlant(serial, action, describe(cylinder));
  }
  if (isTestOverdue(cylinder, at)) {
    throw new HydrostaticTestOverdue(serial, testDueDate(cylinder), describe(cylinder));
  }
  const reading = {
    serial,
    plantId,
    manifoldId: data.manifoldId ?? null,
    lot: data.lot,
    purityPercent: data.purityPercent,
    pressureBar: data.pressureBar,
    operatorId: data.operatorId,
    at,
  };
  if (data.qcResult === 'failed') {
    const reason =
      `fill of lot ${data.lot} failed QC (purity ${data.purityPercent} %, ` +
      `pressure ${data.pressureBar} bar)`;
    return [cylinderEvent(CylinderEventType.FillFailedQc, { ...reading, reason })];
  }
  const grade = config.grades.get(cylinder.gasGrade, serial);
  const within = (
    field: 'purityPercent' | 'pressureBar',
    band: { min: number; max: number } | undefined,
    bandOf: string,
  ) => {
    const measured = data[field];
    if (band !== undefined && (measured < band.min || measured > band.max)) {
      throw new FillOutsideSpecification(serial, field, measured, band, bandOf, describe(cylinder));
    }
  };
  within(
    'purityPercent',
    { min: grade.minPurityPercent, max: grade.maxPurityPercent },
    `gas grade ${grade.code}`,
  );
  within(
    'pressureBar',
    config.sizes.get(cylinder.sizeCode, serial).fillPressureBar,
    `size ${cylinder.sizeCode}`,
  );
  return [
    cylinderEvent(CylinderEventType.Filled, {
      serial,
      plantId,
      manifoldId: data.manifoldId ?? null,
      lot: data.lot,
      purityPercent: data.purityPercent,
      pressureBar: data.pressureBar,
      operatorId: data.operatorId,
      at,
    }),
  ];
}

function load({ data }: LoadCylinder, state: CylinderState): CylinderEvent[] {
  const action = 'loaded';
  const serial = requireSerial(data.serial);
  const tripId = requireId(data.tripId, 'tripId', { serial });
  const origin = requireId(data.originFacilityId, 'originFacilityId', { serial });
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, action);
  if (cylinder.status === 'QUARANTINED')
    throw new CylinderIsQuarantined(serial, action, describe(cylinder));
  if (cylinder.status === 'IN_TRANSIT' && cylinder.location.tripId === tripId) {
    throw new CylinderAlreadyOnTrip(serial, action, tripId);
  }
  if (cylinder.status !== 'FULL') throw new CylinderNotFull(serial, action, describe(cylinder));
  if (cylinder.location.facilityId !== origin) {
    throw new CylinderNotAtTripOrigin(serial, tripId, origin, describe(cylinder));
  }
  return [cylinderEvent(CylinderEventType.Loaded, { serial, tripId, facilityId: origin, at })];
}

function deliver({ data }: DeliverCylinder, state: CylinderState): CylinderEvent[] {
  const action = 'delivered';
  const serial = requireSerial(data.serial);
  const tripId = requireId(data.tripId, 'tripId', { serial });
  const facility = requireFacilityRef(data.facility, 'facility', { serial });
  const receivedBy = requireText(data.receivedBy, 'receivedBy', { serial }, 200);
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, action);
  if (cylinder.status === 'QUARANTINED')
    throw new CylinderIsQuarantined(serial, action, describe(cylinder));
  if (cylinder.status !== 'IN_TRANSIT' || cylinder.location.tripId !== tripId) {
    throw new CylinderNotOnThisTrip(serial, action, tripId, describe(cylinder));
  }
  if (cylinder.load !== 'full') {
    throw new CylinderNotFull(
      serial,
      action,
      describe(cylinder),
      'only cylinders carried full are delivered',
    );
  }
  return [
    cylinderEvent(CylinderEventType.Delivered, {
      serial,
      tripId,
      facilityId: facility.id,
      facilityKind: facility.kind,
      receivedBy,
      ...deliveryProof(data.proof, { serial }),
      at,
    }),
  ];
}

function collect({ data }: CollectCylinder, state: CylinderState): CylinderEvent[] {
  const action = 'collected';
  const serial = requireSerial(data.serial);
  const tripId = requireId(data.tripId, 'tripId', { serial });
  const facilityId = requireId(data.facilityId, 'facilityId', { serial });
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, action);
  if (cylinder.status === 'QUARANTINED')
    throw new CylinderIsQuarantined(serial, action, describe(cylinder));
  if (cylinder.status === 'IN_TRANSIT' && cylinder.location.tripId === tripId) {
    throw new CylinderAlreadyOnTrip(serial, action, tripId);
  }
  if (cylinder.status !== 'EMPTY') {
    throw new CylinderNotEmpty(
      serial,
      action,
      describe(cylinder),
      'only EMPTY cylinders are collected',
    );
  }
  if (cylinder.location.facilityId !== facilityId) {
    throw new CylinderNotAtFacility(serial, action, facilityId, describe(cylinder));
  }
  return [cylinderEvent(CylinderEventType.Collected, { serial, tripId, facilityId, at })];
}

function unload({ data }: UnloadCylinder, state: CylinderState): CylinderEvent[] {
  const action = 'unloaded';
  const serial = requireSerial(data.serial);
  const tripId = requireId(data.tripId, 'tripId', { serial });
  const facility = requireFacilityRef(data.facility, 'facility', { serial });
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, action);
  // a cylinder recalled on the truck comes off still quarantined; it was carried full
  const onThisTrip =
    (cylinder.status === 'IN_TRANSIT' || cylinder.status === 'QUARANTINED') &&
    cylinder.location.kind === 'trip' &&
    cylinder.location.tripId === tripId;
  if (!onThisTrip) throw new CylinderNotOnThisTrip(serial, action, tripId, describe(cylinder));
  return [
    cylinderEvent(CylinderEventType.Unloaded, {
      serial,
      tripId,
      facilityId: facility.id,
      facilityKind: facility.kind,
      load: cylinder.status === 'IN_TRANSIT' ? cylinder.load : 'full',
      at,
    }),
  ];
}

function putInUse({ data }: PutCylinderInUse, state: CylinderState): CylinderEvent[] {
  const action = 'put in use';
  const serial = requireSerial(data.serial);
  const hospitalId = requireId(data.hospitalId, 'hospitalId', { serial });
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, action);
  if (cylinder.status === 'QUARANTINED')
    throw new CylinderIsQuarantined(serial, action, describe(cylinder));
  if (cylinder.status !== 'FULL') throw new CylinderNotFull(serial, action, describe(cylinder));
  requireAtHospital(cylinder.location, serial, action, hospitalId, describe(cylinder));
  return [cylinderEvent(CylinderEventType.PutInUse, { serial, facilityId: hospitalId, at })];
}

function markEmpty({ data }: MarkCylinderEmpty, state: CylinderState): CylinderEvent[] {
  const action = 'marked empty';
  const serial = requireSerial(data.serial);
  const hospitalId = requireId(data.hospitalId, 'hospitalId', { serial });
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, action);
  if (cylinder.status === 'QUARANTINED')
    throw new CylinderIsQuarantined(serial, action, describe(cylinder));
  if (cylinder.status !== 'IN_USE' && cylinder.status !== 'FULL') {
    throw new CylinderNotInUse(serial, describe(cylinder));
  }
  requireAtHospital(cylinder.location, serial, action, hospitalId, describe(cylinder));
  return [cylinderEvent(CylinderEventType.MarkedEmpty, { serial, facilityId: hospitalId, at })];
}

function recordTest({ data }: RecordCylinderTest, state: CylinderState): CylinderEvent[] {
  const serial = requireSerial(data.serial);
  const context = { serial };
  if (data.result !== 'passed' && data.result !== 'failed') {
    throw new InvalidCommand('result', 'must be passed or failed', context);
  }
  const testedOn = requireDate(data.testedOn, 'testedOn', context);
  const testedBy = requireId(data.testedBy, 'testedBy', context);
  if (data.notes !== undefined) requireText(data.notes, 'notes', context, 2000);
  const at = requireInstant(data.at, 'at', context);
  if (testedOn > utcDateOf(at))
    throw new InvalidCommand('testedOn', 'must not be after the record', context);

  const cylinder = active(state, serial, 'tested');
  if (
    (cylinder.status !== 'EMPTY' && cylinder.status !== 'QUARANTINED') ||
    cylinder.location.kind === 'trip'
  ) {
    throw new CylinderNotTestable(serial, describe(cylinder));
  }
  if (testedOn < cylinder.lastTestDate) {
    throw new TestDateBeforeLastTest(serial, testedOn, cylinder.lastTestDate, describe(cylinder));
  }
  const tested = cylinderEvent(CylinderEventType.Tested, {
    serial,
    result: data.result,
    testedOn,
    testedBy,
    notes: data.notes ?? null,
    at,
  });
  if (data.result === 'passed') return [tested];
  // A shell that failed its hydrostatic test cannot be trusted with 137 bar: it is condemned.
  return [
    tested,
    cylinderEvent(CylinderEventType.Condemned, {
      serial,
      reason: `failed periodic test on ${testedOn}`,
      at,
    }),
  ];
}

function quarantine({ data }: QuarantineCylinder, state: CylinderState): CylinderEvent[] {
  const action = 'quarantined';
  const serial = requireSerial(data.serial);
  const reason = requireText(data.reason, 'reason', { serial });
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, action);
  if (cylinder.status === 'QUARANTINED')
    throw new CylinderIsQuarantined(serial, action, describe(cylinder));
  if (cylinder.status === 'IN_TRANSIT')
    throw new CylinderNotResting(serial, action, describe(cylinder));
  return [
    cylinderEvent(CylinderEventType.Quarantined, {
      serial,
      reason,
      previousStatus: cylinder.status,
      at,
    }),
  ];
}

function release({ data }: ReleaseCylinder, state: CylinderState): CylinderEvent[] {
  const serial = requireSerial(data.serial);
  if (data.releaseAs !== undefined && data.releaseAs !== 'EMPTY') {
    throw new InvalidCommand('releaseAs', 'must be EMPTY when given', { serial });
  }
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, 'released');
  if (cylinder.status !== 'QUARANTINED')
    throw new CylinderNotQuarantined(serial, 'released', describe(cylinder));
  if (cylinder.location.kind === 'trip')
    throw new CylinderNotResting(serial, 'released', describe(cylinder));
  return [
    cylinderEvent(CylinderEventType.Released, {
      serial,
      status: data.releaseAs ?? cylinder.returnTo,
      at,
    }),
  ];
}

function condemn({ data }: CondemnCylinder, state: CylinderState): CylinderEvent[] {
  const serial = requireSerial(data.serial);
  const reason = requireText(data.reason, 'reason', { serial });
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, 'condemned');
  if (cylinder.status !== 'QUARANTINED')
    throw new CylinderNotQuarantined(serial, 'condemned', describe(cylinder));
  if (cylinder.location.kind === 'trip')
    throw new CylinderNotResting(serial, 'condemned', describe(cylinder));
  return [cylinderEvent(CylinderEventType.Condemned, { serial, reason, at })];
}

function reportLost({ data }: ReportCylinderLost, state: CylinderState): CylinderEvent[] {
  const serial = requireSerial(data.serial);
  if (data.reason !== undefined) requireText(data.reason, 'reason', { serial });
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = active(state, serial, 'reported lost');
  return [
    cylinderEvent(CylinderEventType.ReportedLost, {
      serial,
      reason: data.reason ?? null,
      lastKnownLocation: cylinder.location,
      lastStatus: cylinder.status,
      at,
    }),
  ];
}

function reportFound({ data }: ReportCylinderFound, state: CylinderState): CylinderEvent[] {
  const serial = requireSerial(data.serial);
  const facility = requireFacilityRef(data.facility, 'facility', { serial });
  if (data.foundAs !== undefined && data.foundAs !== 'EMPTY' && data.foundAs !== 'FULL') {
    throw new InvalidCommand('foundAs', 'must be EMPTY or FULL when given', { serial });
  }
  const at = requireInstant(data.at, 'at', { serial });

  const cylinder = registered(state, serial, 'found');
  if (cylinder.status !== 'LOST') throw new CylinderNotLost(serial, describe(cylinder));
  if (data.foundAs === 'FULL') throw new FoundCylinderMustBeEmpty(serial, describe(cylinder));
  return [
    cylinderEvent(CylinderEventType.Found, {
      serial,
      facilityId: facility.id,
      facilityKind: facility.kind,
      status: 'EMPTY',
      at,
    }),
  ];
}

/** Registered, and not condemned: a condemned cylinder never moves again. */
function registered(state: CylinderState, serial: string, action: string): Cylinder {
  if (state.status === 'UNREGISTERED') throw new CylinderNotRegistered(serial, action);
  if (state.serial !== serial) {
    throw new InvalidCommand('serial', `does not match the cylinder's stream (${state.serial})`, {
      serial,
    });
  }
  if (state.status === 'CONDEMNED') throw new CylinderIsCondemned(serial, action, describe(state));
  return state;
}

/** Registered, not condemned and not lost. */
function active(
  state: CylinderState,
  serial: string,
  action: string,
): Exclude<Cylinder, { status: 'LOST' | 'CONDEMNED' }> {
  const cylinder = registered(state, serial, action);
  if (cylinder.status === 'LOST') throw new CylinderIsLost(serial, action, describe(cylinder));
  return cylinder as Exclude<Cylinder, { status: 'LOST' | 'CONDEMNED' }>;
}

function requireAtHospital(
  location: FacilityLocation,
  serial: string,
  action: string,
  hospitalId: string,
  currentState: string,
): void {
  if (location.facilityId !== hospitalId) {
    throw new CylinderNotAtFacility(serial, action, hospitalId, currentState);
  }
  if (location.facilityKind !== 'hospital')
    throw new CylinderNotAtHospital(serial, action, currentState);
}

function requireFacilityRef(
  value: FacilityRef,
  field: string,
  context: { serial?: string },
): FacilityRef {
  if (typeof value !== 'object' || value === null || !isFacilityKind(value.kind)) {
    throw new InvalidCommand(field, 'must be a facility reference { id, kind }', context);
  }
  requireId(value.id, `${field}.id`, context);
  return { id: value.id, kind: value.kind };
}

const describe = describeCylinderState;

// ---------------------------------------------------------------------------------------------
// evolve

/**
 * Folds one event into the state. Events are facts: evolve applies them without re-checking
 * rules (those were checked by `decide`). A stream that does not start with a registration has
 * no cylinder, and events before one are ignored.
 */
export function evolveCylinder(state: CylinderState, event: CylinderEvent): CylinderState {
  const next = evolveCondition(state, event);
  if (!isRegistered(next)) return next;
  const before = isRegistered(state) ? state : undefined;
  const filled =
    event.type === CylinderEventType.Filled || event.type === CylinderEventType.FillFailedQc;
  const lastFillLot = filled ? event.data.lot : before?.lastFillLot;
  const deliveredSinceFill = filled ? [] : [...(before?.deliveredSinceFill ?? [])];
  if (
    event.type === CylinderEventType.Delivered &&
    event.data.facilityKind === 'hospital' &&
    !deliveredSinceFill.includes(event.data.facilityId)
  ) {
    deliveredSinceFill.push(event.data.facilityId);
  }
  const previousAt = before?.lastEventAt;
  const lastEventAt =
    previousAt !== undefined && Date.parse(previousAt) > Date.parse(event.data.at)
      ? previousAt
      : event.data.at;
  return {
    ...next,
    lastEventAt,
    ...(lastFillLot !== undefined ? { lastFillLot, deliveredSinceFill } : {}),
  };
}

function evolveCondition(state: CylinderState, event: CylinderEvent): CylinderState {
  if (event.type === CylinderEventType.Registered) {
    const { data } = event;
    return {
      serial: data.serial,
      sizeCode: data.sizeCode,
      ownerId: data.ownerId,
      gasGrade: data.gasGrade,
      manufactureDate: data.manufactureDate,
      lastTestDate: data.lastTestDate,
      testIntervalYears: data.testIntervalYears,
      status: data.status,
      location: facilityAt(data.facilityId, data.facilityKind),
    };
  }
  if (state.status === 'UNREGISTERED') return state;
  const profile = profileOf(state);
  const here = (
    facilityId: string,
    fallbackKind: FacilityLocation['facilityKind'],
  ): FacilityLocation => {
    const current = state.status === 'LOST' ? state.lastKnownLocation : state.location;
    return current.kind === 'facility' && current.facilityId === facilityId
      ? current
      : facilityAt(facilityId, fallbackKind);
  };

  switch (event.type) {
    case CylinderEventType.Filled:
      return { ...profile, status: 'FULL', location: here(event.data.plantId, 'producer') };
    case CylinderEventType.FillFailedQc:
      // the gas must be vented before anything else: a release returns it EMPTY
      return {
        ...profile,
        status: 'QUARANTINED',
        location: here(event.data.plantId, 'producer'),
        reason: event.data.reason,
        returnTo: 'EMPTY',
      };
    case CylinderEventType.Loaded:
      return {
        ...profile,
        status: 'IN_TRANSIT',
        load: 'full',
        location: tripAt(event.data.tripId),
      };
    case CylinderEventType.Delivered:
      return {
        ...profile,
        status: 'FULL',
        location: facilityAt(event.data.facilityId, event.data.facilityKind),
      };
    case CylinderEventType.Collected:
      return {
        ...profile,
        status: 'IN_TRANSIT',
        load: 'empty',
        location: tripAt(event.data.tripId),
      };
    case CylinderEventType.Unloaded:
      if (state.status === 'QUARANTINED') {
        return {
          ...state,
          ...profile,
          location: facilityAt(event.data.facilityId, event.data.facilityKind),
        };
      }
      return {
        ...profile,
        status: event.data.load === 'full' ? 'FULL' : 'EMPTY',
        location: facilityAt(event.data.facilityId, event.data.facilityKind),
      };
    case CylinderEventType.PutInUse:
      return { ...profile, status: 'IN_USE', location: here(event.data.facilityId, 'hospital') };
    case CylinderEventType.MarkedEmpty:
      return { ...profile, status: 'EMPTY', location: here(event.data.facilityId, 'hospital') };
    case CylinderEventType.Tested:
      return event.data.result === 'passed' && event.data.testedOn > state.lastTestDate
        ? { ...state, lastTestDate: event.data.testedOn }
        : state;
    case CylinderEventType.Quarantined:
      return {
        ...profile,
        status: 'QUARANTINED',
        // a lot recall quarantines a cylinder on a truck too; any other quarantine is at rest
        location: state.status === 'LOST' ? state.lastKnownLocation : state.location,
        reason: event.data.reason,
        returnTo: event.data.previousStatus,
      };
    case CylinderEventType.Released:
      return { ...profile, status: event.data.status, location: restingLocation(state) };
    case CylinderEventType.Condemned:
      return {
        ...profile,
        status: 'CONDEMNED',
        location: state.status === 'LOST' ? state.lastKnownLocation : state.location,
        reason: event.data.reason,
      };
    case CylinderEventType.ReportedLost:
      return {
        ...profile,
        status: 'LOST',
        lastKnownLocation: event.data.lastKnownLocation,
        lastStatus: event.data.lastStatus,
      };
    case CylinderEventType.Found:
      return {
        ...profile,
        status: event.data.status,
        location: facilityAt(event.data.facilityId, event.data.facilityKind),
      };
  }
}

function profileOf(cylinder: Cylinder): CylinderProfile {
  return {
    serial: cylinder.serial,
    sizeCode: cylinder.sizeCode,
    ownerId: cylinder.ownerId,
    gasGrade: cylinder.gasGrade,
    manufactureDate: cylinder.manufactureDate,
    lastTestDate: cylinder.lastTestDate,
    testIntervalYears: cylinder.testIntervalYears,
  };
}

function facilityAt(
  facilityId: string,
  facilityKind: FacilityLocation['facilityKind'],
): FacilityLocation {
  return { kind: 'facility', facilityId, facilityKind };
}

function tripAt(tripId: string): { kind: 'trip'; tripId: string } {
  return { kind: 'trip', tripId };
}

/** Where a quarantine or release happens: the facility it rests at. */
function restingLocation(cylinder: Cylinder): FacilityLocation {
  const location = cylinder.status === 'LOST' ? cylinder.lastKnownLocation : cylinder.location;
  if (location.kind === 'facility') return location;
  // Quarantine is decided only at rest: a cylinder on a trip here means the stream is corrupt.
  throw new InconsistentStream(
    `cylinder ${cylinder.serial} is quarantined or released while on trip ${location.tripId}`,
  );
}
