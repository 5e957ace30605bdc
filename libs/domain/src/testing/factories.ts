import { CylinderRegistration } from '../cylinder/cylinder.commands';
import {
  CylinderConfig,
  evolveCylinder,
  STANDARD_CYLINDER_CONFIG,
} from '../cylinder/cylinder.decider';
import { Cylinder, initialCylinderState } from '../cylinder/cylinder.state';
import {
  cylinderEvent,
  CylinderEvent,
  CylinderEventType,
  CylinderRegistered,
} from '../cylinder/cylinder.events';
import { Facility, FacilityRef } from '../facility/facility';
import { TripCreated, tripEvent, TripEventType } from '../trip/trip.events';

/** Small, valid test data. Override what the test is about; leave the rest. */

export const config: CylinderConfig = STANDARD_CYLINDER_CONFIG;

export const facilities = {
  plant: { id: 'plant-basra', kind: 'producer' },
  otherPlant: { id: 'plant-najaf', kind: 'producer' },
  hospital: { id: 'hospital-basra-general', kind: 'hospital' },
  otherHospital: { id: 'hospital-zubair', kind: 'hospital' },
  depot: { id: 'depot-basra', kind: 'depot' },
} as const satisfies Record<string, FacilityRef>;

export function aFacility(overrides: Partial<Facility> = {}): Facility {
  return {
    id: 'hospital-basra-general',
    kind: 'hospital',
    name: 'Basra General Hospital',
    governorate: 'Basra',
    latitude: 30.5085,
    longitude: 47.7804,
    receivingHours: { opens: '08:00', closes: '20:00' },
    ...overrides,
  };
}

/** 2025-03-01 08:00 UTC plus `hours`. */
export function at(hours = 0): string {
  return new Date(Date.UTC(2025, 2, 1, 8) + hours * 3_600_000).toISOString();
}

export const SERIAL = 'OX-0001';
export const TRIP_ID = 'trip-1';

export function aRegistration(overrides: Partial<CylinderRegistration> = {}): CylinderRegistration {
  return {
    serial: SERIAL,
    sizeCode: 'E',
    ownerId: 'supplier-1',
    gasGrade: 'oxygen-99.5',
    manufactureDate: '2020-01-15',
    lastTestDate: '2022-06-01',
    facility: facilities.plant,
    ...overrides,
  };
}

export function cylinderRegistered(
  overrides: Partial<CylinderRegistered['data']> = {},
): CylinderRegistered {
  return cylinderEvent(CylinderEventType.Registered, {
    serial: SERIAL,
    sizeCode: 'E',
    ownerId: 'supplier-1',
    gasGrade: 'oxygen-99.5',
    manufactureDate: '2020-01-15',
    lastTestDate: '2022-06-01',
    testIntervalYears: 5,
    facilityId: facilities.plant.id,
    facilityKind: 'producer',
    status: 'EMPTY',
    migrated: false,
    at: at(-100),
    ...overrides,
  });
}

/** Histories that bring a cylinder to a given state, the way the lifecycle would. */
export const history = {
  emptyAtPlant(serial = SERIAL, plant: FacilityRef = facilities.plant): CylinderEvent[] {
    return [cylinderRegistered({ serial, facilityId: plant.id, facilityKind: plant.kind })];
  },
  fullAtPlant(serial = SERIAL, plant: FacilityRef = facilities.plant): CylinderEvent[] {
    return [
      ...history.emptyAtPlant(serial, plant),
      cylinderEvent(CylinderEventType.Filled, {
        serial,
        plantId: plant.id,
        manifoldId: 'manifold-1',
        lot: 'LOT-1',
        purityPercent: 99.6,
        pressureBar: 137,
        operatorId: 'operator-1',
        at: at(-50),
      }),
    ];
  },
  inTransitFull(serial = SERIAL, tripId = TRIP_ID): CylinderEvent[] {
    return [
      ...history.fullAtPlant(serial),
      cylinderEvent(CylinderEventType.Loaded, {
        serial,
        tripId,
        facilityId: facilities.plant.id,
        at: at(-40),
      }),
    ];
  },
  fullAtHospital(serial = SERIAL, hospital: FacilityRef = facilities.hospital): CylinderEvent[] {
    return [
      ...history.inTransitFull(serial, 'trip-0'),
      cylinderEvent(CylinderEventType.Delivered, {
        serial,
        tripId: 'trip-0',
        facilityId: hospital.id,
        facilityKind: hospital.kind,
        receivedBy: 'store keeper',
        at: at(-30),
      }),
    ];
  },
  inUseAtHospital(serial = SERIAL, hospital: FacilityRef = facilities.hospital): CylinderEvent[] {
    return [
      ...history.fullAtHospital(serial, hospital),
      cylinderEvent(CylinderEventType.PutInUse, { serial, facilityId: hospital.id, at: at(-20) }),
    ];
  },
  emptyAtHospital(serial = SERIAL, hospital: FacilityRef = facilities.hospital): CylinderEvent[] {
    return [
      ...history.inUseAtHospital(serial, hospital),
      cylinderEvent(CylinderEventType.MarkedEmpty, {
        serial,
        facilityId: hospital.id,
        at: at(-10),
      }),
    ];
  },
  inTransitEmpty(
    serial = SERIAL,
    tripId = TRIP_ID,
    hospital: FacilityRef = facilities.hospital,
  ): CylinderEvent[] {
    return [
      ...history.emptyAtHospital(serial, hospital),
      cylinderEvent(CylinderEventType.Collected, {
        serial,
        tripId,
        facilityId: hospital.id,
        at: at(-5),
      }),
    ];
  },
  quarantinedFrom(events: CylinderEvent[], reason = 'dented valve'): CylinderEvent[] {
    const cylinder = stateAfter(events);
    if (cylinder.status !== 'EMPTY' && cylinder.status !== 'FULL' && cylinder.status !== 'IN_USE') {
      throw new Error(`cannot quarantine from ${cylinder.status}`);
    }
    return [
      ...events,
      cylinderEvent(CylinderEventType.Quarantined, {
        serial: cylinder.serial,
        reason,
        previousStatus: cylinder.status,
        at: at(-2),
      }),
    ];
  },
  condemned(serial = SERIAL): CylinderEvent[] {
    return [
      ...history.quarantinedFrom(history.emptyAtPlant(serial)),
      cylinderEvent(CylinderEventType.Condemned, { serial, reason: 'cracked neck', at: at(-1) }),
    ];
  },
  lostFrom(events: CylinderEvent[]): CylinderEvent[] {
    const cylinder = stateAfter(events);
    if (cylinder.status === 'LOST' || cylinder.status === 'CONDEMNED') {
      throw new Error(`cannot lose a ${cylinder.status} cylinder`);
    }
    return [
      ...events,
      cylinderEvent(CylinderEventType.ReportedLost, {
        serial: cylinder.serial,
        reason: null,
        lastKnownLocation: cylinder.location,
        lastStatus: cylinder.status,
        at: at(-1),
      }),
    ];
  },
};

function stateAfter(events: CylinderEvent[]): Cylinder {
  const state = events.reduce(evolveCylinder, initialCylinderState());
  if (state.status === 'UNREGISTERED') throw new Error('history without a registration');
  return state;
}

export function tripCreated(overrides: Partial<TripCreated['data']> = {}): TripCreated {
  return tripEvent(TripEventType.Created, {
    tripId: TRIP_ID,
    origin: facilities.plant,
    vehicleId: 'truck-1',
    capacityBySize: { E: 4, J: 2 },
    driverId: 'driver-1',
    stops: [facilities.hospital, facilities.otherHospital],
    plannedAt: at(-60),
    at: at(-70),
    ...overrides,
  });
}
