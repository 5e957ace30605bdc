import { UnknownCylinderSize } from '../cylinder-size/cylinder-size';
import { UnknownGasGrade } from '../gas-grade/gas-grade';
import { replay } from '../shared/decider';
import { DomainError, InvalidCommand } from '../shared/domain-error';
import { specificationFor } from '../testing/given-when-then';
import {
  aRegistration,
  at,
  config,
  cylinderRegistered,
  facilities,
  history,
  SERIAL,
  TRIP_ID,
} from '../testing/factories';
import { CylinderCommand } from './cylinder.commands';
import { cylinderDecider, evolveCylinder } from './cylinder.decider';
import {
  CylinderAlreadyOnTrip,
  CylinderIsCondemned,
  CylinderIsLost,
  CylinderIsQuarantined,
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
  FillOutsideSpecification,
  FoundCylinderMustBeEmpty,
  HydrostaticTestOverdue,
  OccurredBeforePreviousEvent,
  RegistrationNotAtProducerPlant,
  SerialAlreadyRegistered,
  TestDateBeforeLastTest,
} from './cylinder.errors';
import { cylinderEvent, CylinderEvent, CylinderEventType } from './cylinder.events';
import { CylinderState } from './cylinder.state';

const decider = cylinderDecider(config);
const given = specificationFor(decider);
const stateAfter = (events: CylinderEvent[]): CylinderState => replay(decider, events);

// ----- commands, valid by default -----------------------------------------------------------

const register = (
  data: Partial<Extract<CylinderCommand, { type: 'RegisterCylinder' }>['data']> = {},
): CylinderCommand => ({
  type: 'RegisterCylinder',
  data: {
    serial: SERIAL,
    sizeCode: 'E',
    ownerId: 'supplier-1',
    gasGrade: 'oxygen-99.5',
    manufactureDate: '2020-01-15',
    lastTestDate: '2022-06-01',
    facility: facilities.plant,
    at: at(),
    ...data,
  },
});
const fill = (
  data: Partial<Extract<CylinderCommand, { type: 'FillCylinder' }>['data']> = {},
): CylinderCommand => ({
  type: 'FillCylinder',
  data: {
    serial: SERIAL,
    plantId: facilities.plant.id,
    manifoldId: 'manifold-2',
    lot: 'LOT-7',
    purityPercent: 99.5,
    pressureBar: 137,
    operatorId: 'operator-1',
    at: at(),
    ...data,
  },
});
const load = (
  tripId = TRIP_ID,
  originFacilityId: string = facilities.plant.id,
): CylinderCommand => ({
  type: 'LoadCylinder',
  data: { serial: SERIAL, tripId, originFacilityId, at: at() },
});
const deliver = (tripId = TRIP_ID): CylinderCommand => ({
  type: 'DeliverCylinder',
  data: {
    serial: SERIAL,
    tripId,
    facility: facilities.hospital,
    receivedBy: 'Ali (store)',
    at: at(),
  },
});
const collect = (
  facilityId: string = facilities.hospital.id,
  tripId = TRIP_ID,
): CylinderCommand => ({
  type: 'CollectCylinder',
  data: { serial: SERIAL, tripId, facilityId, at: at() },
});
const unload = (tripId = TRIP_ID): CylinderCommand => ({
  type: 'UnloadCylinder',
  data: { serial: SERIAL, tripId, facility: facilities.plant, at: at() },
});
const putInUse = (hospitalId: string = facilities.hospital.id): CylinderCommand => ({
  type: 'PutCylinderInUse',
  data: { serial: SERIAL, hospitalId, at: at() },
});
const markEmpty = (hospitalId: string = facilities.hospital.id): CylinderCommand => ({
  type: 'MarkCylinderEmpty',
  data: { serial: SERIAL, hospitalId, at: at() },
});
const test = (result: 'passed' | 'failed', testedOn = '2025-02-20'): CylinderCommand => ({
  type: 'RecordCylinderTest',
  data: { serial: SERIAL, result, testedOn, testedBy: 'tester-1', at: at() },
});
const quarantine = (reason = 'leaking valve'): CylinderCommand => ({
  type: 'QuarantineCylinder',
  data: { serial: SERIAL, reason, at: at() },
});
const release = (releaseAs?: 'EMPTY'): CylinderCommand => ({
  type: 'ReleaseCylinder',
  data: { serial: SERIAL, at: at(), ...(releaseAs ? { releaseAs } : {}) },
});
const condemn = (reason = 'corroded shell'): CylinderCommand => ({
  type: 'CondemnCylinder',
  data: { serial: SERIAL, reason, at: at() },
});
const reportLost = (reason?: string): CylinderCommand => ({
  type: 'ReportCylinderLost',
  data: { serial: SERIAL, at: at(), ...(reason ? { reason } : {}) },
});
const reportFound = (foundAs?: 'EMPTY' | 'FULL'): CylinderCommand => ({
  type: 'ReportCylinderFound',
  data: { serial: SERIAL, facility: facilities.depot, at: at(), ...(foundAs ? { foundAs } : {}) },
});

const ALL_COMMANDS: Array<[string, CylinderCommand]> = [
  ['fill', fill()],
  ['load', load()],
  ['deliver', deliver()],
  ['collect', collect()],
  ['unload', unload()],
  ['put in use', putInUse()],
  ['mark empty', markEmpty()],
  ['test', test('passed')],
  ['quarantine', quarantine()],
  ['release', release()],
  ['condemn', condemn()],
  ['report lost', reportLost()],
  ['report found', reportFound()],
];

// ----- registration --------------------------------------------------------------------------

describe('RegisterCylinder', () => {
  it('registers a new cylinder EMPTY at a producer plant, with the configured test interval', () => {
    given([])
      .when(register())
      .then([cylinderRegistered({ testIntervalYears: config.defaultTestIntervalYears, at: at() })]);
  });

  it('keeps a test interval given on the registration', () => {
    given([])
      .when(register({ testIntervalYears: 10 }))
      .then([cylinderRegistered({ testIntervalYears: 10, at: at() })]);
  });

  it('registers a migrated cylinder FULL at a hospital', () => {
    given([])
      .when(register({ facility: facilities.hospital, migratedAs: 'FULL' }))
      .then([
        cylinderRegistered({
          facilityId: facilities.hospital.id,
          facilityKind: 'hospital',
          status: 'FULL',
          migrated: true,
          at: at(),
        }),
      ]);
    expect(
      stateAfter([
        cylinderRegistered({ status: 'FULL', facilityId: 'h', facilityKind: 'hospital' }),
      ]),
    ).toMatchObject({
      status: 'FULL',
      location: { kind: 'facility', facilityId: 'h', facilityKind: 'hospital' },
    });
  });

  it('refuses a serial registered before, naming the serial, the rule and the state', () => {
    given(history.fullAtPlant())
      .when(register())
      .thenThrows(SerialAlreadyRegistered, (error) => {
        expect(error.code).toBe('cylinder.serial-already-registered');
        expect(error.kind).toBe('conflict');
        expect(error.serial).toBe(SERIAL);
        expect(error.message).toContain(SERIAL);
        expect(error.message).toContain('a serial is registered once');
        expect(error.message).toContain(`FULL at producer ${facilities.plant.id}`);
        expect(error.toJSON()).toMatchObject({
          code: error.code,
          serial: SERIAL,
          currentState: expect.any(String),
        });
      });
  });

  it('refuses a size that is not in the catalog', () => {
    given([])
      .when(register({ sizeCode: 'ZZ' }))
      .thenThrows(UnknownCylinderSize, (error) => expect(error.message).toContain('ZZ'));
  });

  it('refuses a new cylinder anywhere but at a producer plant', () => {
    given([])
      .when(register({ facility: facilities.hospital }))
      .thenThrows(RegistrationNotAtProducerPlant);
    given([])
      .when(register({ facility: facilities.depot }))
      .thenThrows(RegistrationNotAtProducerPlant);
  });

  it.each([
    ['a malformed serial', { serial: ' bad serial' }, 'serial'],
    ['a test before manufacture', { lastTestDate: '2019-01-01' }, 'lastTestDate'],
    ['a test in the future', { lastTestDate: '2025-03-02' }, 'lastTestDate'],
    [
      'a manufacture date in the future',
      { manufactureDate: '2026-01-01', lastTestDate: '2026-01-02' },
      'manufactureDate',
    ],
    ['an impossible date', { manufactureDate: '2021-02-30' }, 'manufactureDate'],
    ['a zero test interval', { testIntervalYears: 0 }, 'testIntervalYears'],
    ['an instant without a time zone', { at: '2025-03-01T08:00:00' }, 'at'],
    ['a blank owner', { ownerId: ' ' }, 'ownerId'],
  ])('refuses %s', (_label, data, field) => {
    given([])
      .when(register(data))
      .thenThrows(InvalidCommand, (error) => {
        expect(error.field).toBe(field);
        expect(error.kind).toBe('invalid');
      });
  });
});

// ----- filling -------------------------------------------------------------------------------

describe('FillCylinder', () => {
  const filled = (data: Partial<Extract<CylinderEvent, { type: 'CylinderFilled' }>['data']> = {}) =>
    cylinderEvent(CylinderEventType.Filled, {
      serial: SERIAL,
      plantId: facilities.plant.id,
      manifoldId: 'manifold-2',
      lot: 'LOT-7',
      purityPercent: 99.5,
      pressureBar: 137,
      operatorId: 'operator-1',
      at: at(),
      ...data,
    });

  it('fills an EMPTY cylinder at its producer plant: it becomes FULL there', () => {
    given(history.emptyAtPlant()).when(fill()).then([filled()]);
    expect(stateAfter([...history.emptyAtPlant(), filled()])).toMatchObject({
      status: 'FULL',
      location: { facilityId: facilities.plant.id, facilityKind: 'producer' },
    });
  });

  it('refills an empty brought back to a plant', () => {
    const unloaded = cylinderEvent(CylinderEventType.Unloaded, {
      serial: SERIAL,
      tripId: TRIP_ID,
      facilityId: facilities.otherPlant.id,
      facilityKind: 'producer',
      load: 'empty',
      at: at(-1),
    });
    given([...history.inTransitEmpty(), unloaded])
      .when(fill({ plantId: facilities.otherPlant.id, manifoldId: undefined }))
      .then([filled({ plantId: facilities.otherPlant.id, manifoldId: null })]);
  });

  it('refuses a cylinder that is not registered', () => {
    given([])
      .when(fill())
      .thenThrows(CylinderNotRegistered, (error) => expect(error.kind).toBe('not-found'));
  });

  it.each([
    ['FULL', history.fullAtPlant(), CylinderNotEmpty],
    ['IN_TRANSIT', history.inTransitFull(), CylinderNotEmpty],
    ['IN_USE', history.inUseAtHospital(), CylinderNotEmpty],
    ['QUARANTINED', history.quarantinedFrom(history.emptyAtPlant()), CylinderIsQuarantined],
    ['CONDEMNED', history.condemned(), CylinderIsCondemned],
    ['LOST', history.lostFrom(history.emptyAtPlant()), CylinderIsLost],
  ])('refuses a %s cylinder', (status, events, errorClass) => {
    given(events)
      .when(fill())
      .thenThrows(errorClass as typeof CylinderNotEmpty, (error: DomainError) => {
        expect(error.serial).toBe(SERIAL);
        expect(error.currentState).toContain(status);
      });
  });

  it('refuses a cylinder at another plant', () => {
    given(history.emptyAtPlant(SERIAL, facilities.otherPlant))
      .when(fill())
      .thenThrows(CylinderNotAtFacility, (error) =>
        expect(error.message).toContain(facilities.otherPlant.id),
      );
  });

  it("refuses a cylinder that is EMPTY but not at a producer's plant", () => {
    given(history.emptyAtHospital())
      .when(fill({ plantId: facilities.hospital.id }))
      .thenThrows(CylinderNotAtProducerPlant);
  });

  describe('periodic test date (last test 2020-03-01, every 5 years: due 2025-03-01)', () => {
    const lastTestedIn2020 = [
      cylinderRegistered({ lastTestDate: '2020-03-01', testIntervalYears: 5 }),
    ];

    it('fills on the due date itself', () => {
      given(lastTestedIn2020)
        .when(fill({ at: '2025-03-01T23:59:00Z' }))
        .then([filled({ at: '2025-03-01T23:59:00Z' })]);
    });

    it('refuses from the next day, naming the due date', () => {
      given(lastTestedIn2020)
        .when(fill({ at: '2025-03-02T00:00:00Z' }))
        .thenThrows(HydrostaticTestOverdue, (error) => {
          expect(error.code).toBe('cylinder.test-overdue');
          expect(error.message).toContain('2025-03-01');
          expect(error.details.testDueDate).toBe('2025-03-01');
        });
    });

    it('fills again once a passed test is recorded', () => {
      const passed = cylinderEvent(CylinderEventType.Tested, {
        serial: SERIAL,
        result: 'passed',
        testedOn: '2025-03-05',
        testedBy: 'tester-1',
        notes: null,
        at: '2025-03-05T10:00:00Z',
      });
      given([...lastTestedIn2020, passed])
        .when(fill({ at: '2025-03-06T08:00:00Z' }))
        .then([filled({ at: '2025-03-06T08:00:00Z' })]);
    });
  });

  it.each([
    ['purityPercent', { purityPercent: 0 }],
    ['purityPercent', { purityPercent: 100.1 }],
    ['pressureBar', { pressureBar: -1 }],
    ['lot', { lot: '' }],
    ['operatorId', { operatorId: '' }],
  ])('refuses an invalid %s', (field, data) => {
    given(history.emptyAtPlant())
      .when(fill(data))
      .thenThrows(InvalidCommand, (error) => expect(error.field).toBe(field));
  });
});

// ----- trips ---------------------------------------------------------------------------------

describe('the fill quality gate', () => {
  const psa = [cylinderRegistered({ gasGrade: 'oxygen-93' })];

  it.each([
    [
      'oxygen-99.5 at 99.2 %',
      history.emptyAtPlant(),
      { purityPercent: 99.2 },
      'purityPercent',
      99.5,
      100,
    ],
    ['oxygen-93 at 89.9 %', psa, { purityPercent: 89.9 }, 'purityPercent', 90, 96],
    ['oxygen-93 at 96.5 %', psa, { purityPercent: 96.5 }, 'purityPercent', 90, 96],
    ['21 % (air)', psa, { purityPercent: 21 }, 'purityPercent', 90, 96],
    ['5 bar', psa, { purityPercent: 93, pressureBar: 5 }, 'pressureBar', 120, 150],
    ['190 bar', history.emptyAtPlant(), { pressureBar: 190 }, 'pressureBar', 120, 150],
  ])(
    'refuses a fill of %s: not full, 422 naming the rule, the value and the band',
    (_, given_, data, field, min, max) => {
      given(given_)
        .when(fill(data))
        .thenThrows(FillOutsideSpecification, (error) => {
          expect(error.kind).toBe('invalid');
          expect(error.details).toMatchObject({ field, band: { min, max } });
          expect(error.message).toContain(`${min}–${max}`);
        });
    },
  );

  it('accepts oxygen 93 % within its band at rated pressure', () => {
    const events = cylinderDecider(config).decide(
      fill({ purityPercent: 93.4, pressureBar: 137 }),
      stateAfter(psa),
    );
    expect(events.map((event) => event.type)).toEqual([CylinderEventType.Filled]);
  });

  it('quarantines the cylinder with the reading kept when the operator records a failed QC check', () => {
    const failed = cylinderEvent(CylinderEventType.FillFailedQc, {
      serial: SERIAL,
      plantId: facilities.plant.id,
      manifoldId: 'manifold-2',
      lot: 'LOT-7',
      purityPercent: 88,
      pressureBar: 137,
      operatorId: 'operator-1',
      reason: 'fill of lot LOT-7 failed QC (purity 88 %, pressure 137 bar)',
      at: at(),
    });
    given(psa)
      .when(fill({ purityPercent: 88, qcResult: 'failed' }))
      .then([failed]);
    expect(stateAfter([...psa, failed])).toMatchObject({
      status: 'QUARANTINED',
      returnTo: 'EMPTY',
      lastFillLot: 'LOT-7',
      location: { facilityId: facilities.plant.id },
    });
  });

  it('registers a cylinder only with a grade from the catalog', () => {
    given([])
      .when({
        type: 'RegisterCylinder',
        data: { ...aRegistration({ gasGrade: 'medical' }), at: at() },
      })
      .thenThrows(UnknownGasGrade, (error) =>
        expect(error.details.knownGrades).toEqual(['oxygen-93', 'oxygen-99.5']),
      );
  });
});

describe('occurredAt', () => {
  it("may not be before the cylinder's previous event", () => {
    given(history.fullAtPlant())
      .when({
        type: 'LoadCylinder',
        data: {
          serial: SERIAL,
          tripId: TRIP_ID,
          originFacilityId: facilities.plant.id,
          at: at(-60),
        },
      })
      .thenThrows(OccurredBeforePreviousEvent, (error) => {
        expect(error.kind).toBe('invalid');
        expect(error.details).toMatchObject({ field: 'occurredAt', previousAt: at(-50) });
      });
  });

  it('may equal the previous event (two steps in the same second)', () => {
    given(history.fullAtPlant())
      .when({
        type: 'LoadCylinder',
        data: {
          serial: SERIAL,
          tripId: TRIP_ID,
          originFacilityId: facilities.plant.id,
          at: at(-50),
        },
      })
      .then([
        cylinderEvent(CylinderEventType.Loaded, {
          serial: SERIAL,
          tripId: TRIP_ID,
          facilityId: facilities.plant.id,
          at: at(-50),
        }),
      ]);
  });
});

describe('LoadCylinder', () => {
  it("loads a FULL cylinder at the trip's origin: IN_TRANSIT (full) on the trip", () => {
    const loaded = cylinderEvent(CylinderEventType.Loaded, {
      serial: SERIAL,
      tripId: TRIP_ID,
      facilityId: facilities.plant.id,
      at: at(),
    });
    given(history.fullAtPlant()).when(load()).then([loaded]);
    expect(stateAfter([...history.fullAtPlant(), loaded])).toMatchObject({
      status: 'IN_TRANSIT',
      load: 'full',
      location: { kind: 'trip', tripId: TRIP_ID },
    });
  });

  it('refuses an EMPTY cylinder', () => {
    given(history.emptyAtPlant()).when(load()).thenThrows(CylinderNotFull);
  });

  it("refuses a FULL cylinder away from the trip's origin, naming the origin", () => {
    given(history.fullAtPlant(SERIAL, facilities.otherPlant))
      .when(load())
      .thenThrows(CylinderNotAtTripOrigin, (error) =>
        expect(error.message).toContain(facilities.plant.id),
      );
  });

  it('refuses a cylinder already on this trip, and one on another trip', () => {
    given(history.inTransitFull()).when(load()).thenThrows(CylinderAlreadyOnTrip);
    given(history.inTransitFull(SERIAL, 'trip-other')).when(load()).thenThrows(CylinderNotFull);
  });

  it('refuses a quarantined FULL cylinder', () => {
    given(history.quarantinedFrom(history.fullAtPlant()))
      .when(load())
      .thenThrows(CylinderIsQuarantined);
  });
});

describe('DeliverCylinder', () => {
  it('delivers a cylinder carried full on this trip: FULL at the stop', () => {
    const delivered = cylinderEvent(CylinderEventType.Delivered, {
      serial: SERIAL,
      tripId: TRIP_ID,
      facilityId: facilities.hospital.id,
      facilityKind: 'hospital',
      receivedBy: 'Ali (store)',
      at: at(),
    });
    given(history.inTransitFull()).when(deliver()).then([delivered]);
    expect(stateAfter([...history.inTransitFull(), delivered])).toMatchObject({
      status: 'FULL',
      location: { facilityId: facilities.hospital.id, facilityKind: 'hospital' },
    });
  });

  it('refuses a cylinder on another trip, or not on a trip', () => {
    given(history.inTransitFull(SERIAL, 'trip-other'))
      .when(deliver())
      .thenThrows(CylinderNotOnThisTrip, (error) => {
        expect(error.message).toContain(TRIP_ID);
        expect(error.currentState).toContain('trip-other');
      });
    given(history.fullAtPlant()).when(deliver()).thenThrows(CylinderNotOnThisTrip);
  });

  it('refuses an empty being carried back', () => {
    given(history.inTransitEmpty()).when(deliver()).thenThrows(CylinderNotFull);
  });
});

describe('CollectCylinder', () => {
  it("collects an EMPTY cylinder at the stop's hospital: IN_TRANSIT (empty) on the trip", () => {
    const collected = cylinderEvent(CylinderEventType.Collected, {
      serial: SERIAL,
      tripId: TRIP_ID,
      facilityId: facilities.hospital.id,
      at: at(),
    });
    given(history.emptyAtHospital()).when(collect()).then([collected]);
    expect(stateAfter([...history.emptyAtHospital(), collected])).toMatchObject({
      status: 'IN_TRANSIT',
      load: 'empty',
      location: { tripId: TRIP_ID },
    });
  });

  it('refuses a cylinder still FULL or IN_USE', () => {
    given(history.fullAtHospital()).when(collect()).thenThrows(CylinderNotEmpty);
    given(history.inUseAtHospital()).when(collect()).thenThrows(CylinderNotEmpty);
  });

  it('refuses an EMPTY cylinder at another facility than the stop', () => {
    given(history.emptyAtHospital(SERIAL, facilities.otherHospital))
      .when(collect())
      .thenThrows(CylinderNotAtFacility);
  });

  it('refuses a cylinder already collected on this trip', () => {
    given(history.inTransitEmpty()).when(collect()).thenThrows(CylinderAlreadyOnTrip);
  });

  it('refuses a quarantined empty', () => {
    given(history.quarantinedFrom(history.emptyAtHospital()))
      .when(collect())
      .thenThrows(CylinderIsQuarantined);
  });
});

describe('UnloadCylinder', () => {
  it('unloads an empty: EMPTY at the plant, ready to refill', () => {
    const unloaded = cylinderEvent(CylinderEventType.Unloaded, {
      serial: SERIAL,
      tripId: TRIP_ID,
      facilityId: facilities.plant.id,
      facilityKind: 'producer',
      load: 'empty',
      at: at(),
    });
    given(history.inTransitEmpty()).when(unload()).then([unloaded]);
    expect(stateAfter([...history.inTransitEmpty(), unloaded])).toMatchObject({
      status: 'EMPTY',
      location: { facilityId: facilities.plant.id },
    });
  });

  it('unloads an undelivered full: FULL at the plant', () => {
    const unloaded = cylinderEvent(CylinderEventType.Unloaded, {
      serial: SERIAL,
      tripId: TRIP_ID,
      facilityId: facilities.plant.id,
      facilityKind: 'producer',
      load: 'full',
      at: at(),
    });
    given(history.inTransitFull()).when(unload()).then([unloaded]);
    expect(stateAfter([...history.inTransitFull(), unloaded])).toMatchObject({ status: 'FULL' });
  });

  it('refuses a cylinder not on this trip', () => {
    given(history.inTransitEmpty(SERIAL, 'trip-other'))
      .when(unload())
      .thenThrows(CylinderNotOnThisTrip);
    given(history.emptyAtPlant()).when(unload()).thenThrows(CylinderNotOnThisTrip);
  });
});

// ----- at the hospital -----------------------------------------------------------------------

describe('PutCylinderInUse', () => {
  it('puts a FULL cylinder in use at its hospital', () => {
    const inUse = cylinderEvent(CylinderEventType.PutInUse, {
      serial: SERIAL,
      facilityId: facilities.hospital.id,
      at: at(),
    });
    given(history.fullAtHospital()).when(putInUse()).then([inUse]);
    expect(stateAfter([...history.fullAtHospital(), inUse])).toMatchObject({
      status: 'IN_USE',
      location: { facilityId: facilities.hospital.id, facilityKind: 'hospital' },
    });
  });

  it('refuses a cylinder that is not FULL', () => {
    given(history.emptyAtHospital()).when(putInUse()).thenThrows(CylinderNotFull);
    given(history.inUseAtHospital()).when(putInUse()).thenThrows(CylinderNotFull);
  });

  it('refuses at another hospital than where it is', () => {
    given(history.fullAtHospital())
      .when(putInUse(facilities.otherHospital.id))
      .thenThrows(CylinderNotAtFacility);
  });

  it('refuses a FULL cylinder at a plant', () => {
    given(history.fullAtPlant())
      .when(putInUse(facilities.plant.id))
      .thenThrows(CylinderNotAtHospital);
  });

  it('refuses a quarantined cylinder', () => {
    given(history.quarantinedFrom(history.fullAtHospital()))
      .when(putInUse())
      .thenThrows(CylinderIsQuarantined);
  });
});

describe('MarkCylinderEmpty', () => {
  const markedEmpty = cylinderEvent(CylinderEventType.MarkedEmpty, {
    serial: SERIAL,
    facilityId: facilities.hospital.id,
    at: at(),
  });

  it('marks an IN_USE cylinder EMPTY at its hospital', () => {
    given(history.inUseAtHospital()).when(markEmpty()).then([markedEmpty]);
    expect(stateAfter([...history.inUseAtHospital(), markedEmpty])).toMatchObject({
      status: 'EMPTY',
      location: { facilityId: facilities.hospital.id },
    });
  });

  it('marks a FULL cylinder EMPTY (used without being put in use first)', () => {
    given(history.fullAtHospital()).when(markEmpty()).then([markedEmpty]);
  });

  it('refuses an EMPTY cylinder', () => {
    given(history.emptyAtHospital()).when(markEmpty()).thenThrows(CylinderNotInUse);
  });

  it('refuses at another hospital, or at a plant', () => {
    given(history.inUseAtHospital())
      .when(markEmpty(facilities.otherHospital.id))
      .thenThrows(CylinderNotAtFacility);
    given(history.fullAtPlant())
      .when(markEmpty(facilities.plant.id))
      .thenThrows(CylinderNotAtHospital);
  });
});

// ----- tests, quarantine, condemnation -------------------------------------------------------

describe('RecordCylinderTest', () => {
  const tested = (result: 'passed' | 'failed', testedOn = '2025-02-20') =>
    cylinderEvent(CylinderEventType.Tested, {
      serial: SERIAL,
      result,
      testedOn,
      testedBy: 'tester-1',
      notes: null,
      at: at(),
    });

  it('records a passed test: the last test date moves on', () => {
    given(history.emptyAtPlant())
      .when(test('passed'))
      .then([tested('passed')]);
    expect(stateAfter([...history.emptyAtPlant(), tested('passed')])).toMatchObject({
      status: 'EMPTY',
      lastTestDate: '2025-02-20',
    });
  });

  it('condemns a cylinder that failed its test', () => {
    const condemned = cylinderEvent(CylinderEventType.Condemned, {
      serial: SERIAL,
      reason: 'failed periodic test on 2025-02-20',
      at: at(),
    });
    given(history.emptyAtPlant())
      .when(test('failed'))
      .then([tested('failed'), condemned]);
    expect(stateAfter([...history.emptyAtPlant(), tested('failed'), condemned])).toMatchObject({
      status: 'CONDEMNED',
      lastTestDate: '2022-06-01',
    });
  });

  it('records a test on a quarantined cylinder, which stays quarantined', () => {
    const events = [...history.quarantinedFrom(history.emptyAtPlant()), tested('passed')];
    given(history.quarantinedFrom(history.emptyAtPlant()))
      .when(test('passed'))
      .then([tested('passed')]);
    expect(stateAfter(events)).toMatchObject({ status: 'QUARANTINED', lastTestDate: '2025-02-20' });
  });

  it('refuses a cylinder that is not EMPTY or QUARANTINED', () => {
    given(history.fullAtPlant()).when(test('passed')).thenThrows(CylinderNotTestable);
    given(history.inTransitEmpty()).when(test('passed')).thenThrows(CylinderNotTestable);
  });

  it('refuses a test dated before the last one, or after the record', () => {
    given(history.emptyAtPlant())
      .when(test('passed', '2022-05-01'))
      .thenThrows(TestDateBeforeLastTest);
    given(history.emptyAtPlant())
      .when(test('passed', '2025-03-02'))
      .thenThrows(InvalidCommand, (error) => expect(error.field).toBe('testedOn'));
  });
});

describe('QuarantineCylinder', () => {
  it.each([
    ['EMPTY', history.emptyAtPlant()],
    ['FULL', history.fullAtHospital()],
    ['IN_USE', history.inUseAtHospital()],
  ] as const)(
    'quarantines a %s cylinder where it rests, remembering its state',
    (status, events) => {
      const quarantined = cylinderEvent(CylinderEventType.Quarantined, {
        serial: SERIAL,
        reason: 'leaking valve',
        previousStatus: status,
        at: at(),
      });
      given(events).when(quarantine()).then([quarantined]);
      const before = stateAfter(events);
      expect(stateAfter([...events, quarantined])).toMatchObject({
        status: 'QUARANTINED',
        returnTo: status,
        location: 'location' in before ? before.location : undefined,
      });
    },
  );

  it('refuses a cylinder on a trip', () => {
    given(history.inTransitFull()).when(quarantine()).thenThrows(CylinderNotResting);
  });

  it('refuses a cylinder already quarantined', () => {
    given(history.quarantinedFrom(history.emptyAtPlant()))
      .when(quarantine())
      .thenThrows(CylinderIsQuarantined);
  });

  it('refuses a blank reason', () => {
    given(history.emptyAtPlant()).when(quarantine(' ')).thenThrows(InvalidCommand);
  });
});

describe('ReleaseCylinder', () => {
  it('returns a cylinder to the state it was quarantined from', () => {
    const events = history.quarantinedFrom(history.fullAtHospital());
    const released = cylinderEvent(CylinderEventType.Released, {
      serial: SERIAL,
      status: 'FULL',
      at: at(),
    });
    given(events).when(release()).then([released]);
    expect(stateAfter([...events, released])).toMatchObject({
      status: 'FULL',
      location: { facilityId: facilities.hospital.id },
    });
  });

  it('releases it EMPTY when its contents were vented', () => {
    const events = history.quarantinedFrom(history.inUseAtHospital());
    given(events)
      .when(release('EMPTY'))
      .then([
        cylinderEvent(CylinderEventType.Released, { serial: SERIAL, status: 'EMPTY', at: at() }),
      ]);
  });

  it('refuses a cylinder that is not quarantined', () => {
    given(history.fullAtPlant()).when(release()).thenThrows(CylinderNotQuarantined);
  });
});

describe('CondemnCylinder', () => {
  it('condemns a quarantined cylinder, for good', () => {
    const events = history.quarantinedFrom(history.emptyAtPlant());
    const condemned = cylinderEvent(CylinderEventType.Condemned, {
      serial: SERIAL,
      reason: 'corroded shell',
      at: at(),
    });
    given(events).when(condemn()).then([condemned]);
    expect(stateAfter([...events, condemned])).toMatchObject({
      status: 'CONDEMNED',
      reason: 'corroded shell',
      location: { facilityId: facilities.plant.id },
    });
  });

  it('refuses a cylinder that is not quarantined first', () => {
    given(history.emptyAtPlant()).when(condemn()).thenThrows(CylinderNotQuarantined);
  });

  describe('a condemned cylinder never moves again', () => {
    it.each(ALL_COMMANDS)('refuses %s', (_label, command) => {
      given(history.condemned())
        .when(command)
        .thenThrows(CylinderIsCondemned, (error) => {
          expect(error.code).toBe('cylinder.condemned');
          expect(error.message).toContain(SERIAL);
          expect(error.message).toContain('a condemned cylinder never moves again');
          expect(error.currentState).toContain('CONDEMNED');
        });
    });

    it('refuses registering its serial again', () => {
      given(history.condemned()).when(register()).thenThrows(SerialAlreadyRegistered);
    });
  });
});

// ----- loss ----------------------------------------------------------------------------------

describe('ReportCylinderLost', () => {
  it('reports a cylinder lost on a trip, remembering the trip', () => {
    const lost = cylinderEvent(CylinderEventType.ReportedLost, {
      serial: SERIAL,
      reason: 'fell off the truck',
      lastKnownLocation: { kind: 'trip', tripId: TRIP_ID },
      lastStatus: 'IN_TRANSIT',
      at: at(),
    });
    given(history.inTransitFull()).when(reportLost('fell off the truck')).then([lost]);
    expect(stateAfter([...history.inTransitFull(), lost])).toMatchObject({
      status: 'LOST',
      lastKnownLocation: { kind: 'trip', tripId: TRIP_ID },
      lastStatus: 'IN_TRANSIT',
    });
  });

  it('reports a cylinder lost from a hospital', () => {
    given(history.inUseAtHospital())
      .when(reportLost())
      .then([
        cylinderEvent(CylinderEventType.ReportedLost, {
          serial: SERIAL,
          reason: null,
          lastKnownLocation: {
            kind: 'facility',
            facilityId: facilities.hospital.id,
            facilityKind: 'hospital',
          },
          lastStatus: 'IN_USE',
          at: at(),
        }),
      ]);
  });

  it('refuses a cylinder already lost', () => {
    given(history.lostFrom(history.emptyAtPlant())).when(reportLost()).thenThrows(CylinderIsLost);
  });

  describe('a lost cylinder must be found before anything else', () => {
    it.each(ALL_COMMANDS.filter(([label]) => label !== 'report found' && label !== 'report lost'))(
      'refuses %s',
      (_label, command) => {
        given(history.lostFrom(history.fullAtPlant())).when(command).thenThrows(CylinderIsLost);
      },
    );
  });
});

describe('ReportCylinderFound', () => {
  const found = (status: 'EMPTY' | 'FULL') =>
    cylinderEvent(CylinderEventType.Found, {
      serial: SERIAL,
      facilityId: facilities.depot.id,
      facilityKind: 'depot',
      status,
      at: at(),
    });

  it('puts a found cylinder back EMPTY where it was found: its contents cannot be trusted', () => {
    const events = history.lostFrom(history.inTransitFull());
    given(events)
      .when(reportFound())
      .then([found('EMPTY')]);
    expect(stateAfter([...events, found('EMPTY')])).toMatchObject({
      status: 'EMPTY',
      location: { facilityId: facilities.depot.id, facilityKind: 'depot' },
    });
  });

  it('refuses FULL: a found cylinder re-enters EMPTY, and only a fill makes it FULL', () => {
    given(history.lostFrom(history.fullAtPlant()))
      .when(reportFound('FULL'))
      .thenThrows(FoundCylinderMustBeEmpty, (error) => expect(error.kind).toBe('invalid'));
  });

  it('refuses a cylinder that is not lost', () => {
    given(history.fullAtPlant()).when(reportFound()).thenThrows(CylinderNotLost);
  });
});

// ----- the whole cycle -----------------------------------------------------------------------

describe('the lifecycle', () => {
  it('goes round: fill, load, deliver, use, empty, collect, unload, refill', () => {
    const steps: CylinderCommand[] = [
      fill(),
      load(),
      deliver(),
      putInUse(),
      markEmpty(),
      collect(facilities.hospital.id, 'trip-2'),
      unload('trip-2'),
      fill({ at: at(9) }),
    ];
    let events: CylinderEvent[] = history.emptyAtPlant();
    const statuses: string[] = [];
    for (const command of steps) {
      events = [...events, ...decider.decide(command, stateAfter(events))];
      statuses.push(stateAfter(events).status);
    }
    expect(statuses).toEqual([
      'FULL',
      'IN_TRANSIT',
      'FULL',
      'IN_USE',
      'EMPTY',
      'IN_TRANSIT',
      'EMPTY',
      'FULL',
    ]);
  });

  it('ignores events before a registration', () => {
    const state = evolveCylinder(
      { status: 'UNREGISTERED' },
      history.fullAtPlant()[1] as CylinderEvent,
    );
    expect(state).toEqual({ status: 'UNREGISTERED' });
  });

  it('refuses a command for another serial than the stream it is decided on', () => {
    given(history.emptyAtPlant('OX-OTHER'))
      .when(fill())
      .thenThrows(InvalidCommand, (error) => expect(error.field).toBe('serial'));
  });
});

describe('a cylinder recalled on a truck', () => {
  const recalled = [
    ...history.inTransitFull(),
    cylinderEvent(CylinderEventType.Quarantined, {
      serial: SERIAL,
      reason: 'Recall of lot LOT-1: moisture',
      previousStatus: 'FULL',
      at: at(-10),
    }),
  ];

  it('is not delivered', () => {
    given(recalled).when(deliver()).thenThrows(CylinderIsQuarantined);
  });

  it('comes off at a plant still quarantined, and is released or condemned only there', () => {
    given(recalled).when(release()).thenThrows(CylinderNotResting);
    const unloaded = cylinderEvent(CylinderEventType.Unloaded, {
      serial: SERIAL,
      tripId: TRIP_ID,
      facilityId: facilities.plant.id,
      facilityKind: 'producer',
      load: 'full',
      at: at(),
    });
    given(recalled).when(unload()).then([unloaded]);
    expect(stateAfter([...recalled, unloaded])).toMatchObject({
      status: 'QUARANTINED',
      returnTo: 'FULL',
      location: { kind: 'facility', facilityId: facilities.plant.id },
    });
  });
});
