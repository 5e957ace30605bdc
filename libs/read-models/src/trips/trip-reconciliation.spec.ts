import { type TripEvent } from '@oxyledger/domain';
import { reconcileTrip } from './trip-reconciliation';
import { recordTripEvent, type TripRecord } from './trips.projection';

const at = '2026-11-26T08:00:00Z';
const tripId = 'trip-1';
const J = (serial: string) => ({ serial, sizeCode: 'J' });

function given(...events: TripEvent[]): TripRecord {
  return events.reduce(recordTripEvent, {
    tripId,
    state: { status: 'NOT_CREATED' },
    loaded: [],
    stops: [],
    unloaded: [],
    createdAt: null,
    updatedAt: at,
    completedAt: null,
  } as TripRecord);
}

const created: TripEvent = {
  type: 'TripCreated',
  version: 1,
  data: {
    tripId,
    at,
    origin: { id: 'plant', kind: 'producer' },
    vehicleId: 'truck',
    capacityBySize: null,
    driverId: 'driver',
    stops: [{ id: 'hospital', kind: 'hospital' }],
    plannedAt: at,
  },
};
const loaded: TripEvent = {
  type: 'TripLoaded',
  version: 1,
  data: { tripId, at, facilityId: 'plant', cylinders: [J('A'), J('B'), J('C')] },
};
const served: TripEvent = {
  type: 'TripStopCompleted',
  version: 1,
  data: {
    tripId,
    at,
    facilityId: 'hospital',
    facilityKind: 'hospital',
    delivered: ['A', 'B'],
    collected: [J('E1'), J('E2')],
    receivedBy: 'Store',
  },
};

describe('truck reconciliation', () => {
  it('accounts for every cylinder that came on and off the truck', () => {
    const unloaded: TripEvent = {
      type: 'TripUnloaded',
      version: 1,
      data: {
        tripId,
        at,
        facilityId: 'plant',
        facilityKind: 'producer',
        serials: ['C', 'E1', 'E2'],
      },
    };
    const completed: TripEvent = {
      type: 'TripCompleted',
      version: 1,
      data: { tripId, at, missingSerials: [] },
    };

    expect(reconcileTrip(given(created, loaded, served, unloaded, completed))).toEqual({
      tripId,
      status: 'COMPLETED',
      loaded: 3,
      delivered: 2,
      collected: 2,
      unloaded: 3,
      unaccounted: [],
      declaredMissing: [],
      flagged: false,
    });
  });

  it('flags a completed trip that left a cylinder on the truck', () => {
    // C was loaded, neither delivered nor unloaded; E2 collected and never unloaded
    const unloaded: TripEvent = {
      type: 'TripUnloaded',
      version: 1,
      data: { tripId, at, facilityId: 'plant', facilityKind: 'producer', serials: ['E1'] },
    };
    const completed: TripEvent = {
      type: 'TripCompleted',
      version: 1,
      data: { tripId, at, missingSerials: ['C', 'E2'] },
    };

    expect(reconcileTrip(given(created, loaded, served, unloaded, completed))).toMatchObject({
      unaccounted: ['C', 'E2'],
      declaredMissing: ['C', 'E2'],
      flagged: true,
    });
  });

  it('does not flag a trip still on the road', () => {
    expect(reconcileTrip(given(created, loaded))).toMatchObject({
      status: 'LOADING',
      unaccounted: ['A', 'B', 'C'],
      flagged: false,
    });
  });
});
