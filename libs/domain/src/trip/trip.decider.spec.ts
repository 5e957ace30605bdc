import {
  CylinderAlreadyOnTrip,
  CylinderNotFull,
  CylinderNotOnThisTrip,
} from '../cylinder/cylinder.errors';
import { replay } from '../shared/decider';
import { DuplicateSerialInBatch, InvalidCommand } from '../shared/domain-error';
import { at, facilities, TRIP_ID, tripCreated } from '../testing/factories';
import { specificationFor } from '../testing/given-when-then';
import { TripCommand } from './trip.commands';
import { tripDecider } from './trip.decider';
import {
  TripAlreadyCompleted,
  TripAlreadyCreated,
  TripAlreadyDeparted,
  TripAlreadyLoaded,
  TripClosed,
  TripNotLoaded,
  TripUnloadAtAnotherSupplier,
  TripHasCylindersOnBoard,
  TripNotFound,
  TripStopAlreadyCompleted,
  TripStopNotPlanned,
  TripUnloadNotAtPlantOrDepot,
  VehicleCapacityExceeded,
} from './trip.errors';
import { tripEvent, TripEvent, TripEventType } from './trip.events';
import { Trip, TripCylinder } from './trip.state';

const given = specificationFor(tripDecider);
const tripAfter = (events: TripEvent[]): Trip => {
  const state = replay(tripDecider, events);
  if (state.status === 'NOT_CREATED') throw new Error('no trip');
  return state;
};

const E = (serial: string): TripCylinder => ({ serial, sizeCode: 'E' });
const J = (serial: string): TripCylinder => ({ serial, sizeCode: 'J' });

// ----- commands and events -------------------------------------------------------------------

type Data<T extends TripCommand['type']> = Extract<TripCommand, { type: T }>['data'];

const create = (data: Partial<Data<'CreateTrip'>> = {}): TripCommand => ({
  type: 'CreateTrip',
  data: {
    tripId: TRIP_ID,
    origin: facilities.plant,
    vehicle: { id: 'truck-1', capacityBySize: { E: 4, J: 2 } },
    driverId: 'driver-1',
    stops: [facilities.hospital, facilities.otherHospital],
    plannedAt: at(-60),
    at: at(-70),
    ...data,
  },
});
const load = (cylinders: TripCylinder[]): TripCommand => ({
  type: 'LoadTrip',
  data: { tripId: TRIP_ID, cylinders, at: at() },
});
const deliverAt = (
  facilityId: string,
  delivered: string[],
  collected: TripCylinder[] = [],
): TripCommand => ({
  type: 'DeliverAtStop',
  data: { tripId: TRIP_ID, facilityId, delivered, collected, receivedBy: 'Ali (store)', at: at() },
});
const unloadAt = (
  facility: (typeof facilities)[keyof typeof facilities],
  serials: string[],
): TripCommand => ({
  type: 'UnloadTrip',
  data: { tripId: TRIP_ID, facility, serials, at: at() },
});
const complete = (missingSerials?: string[]): TripCommand => ({
  type: 'CompleteTrip',
  data: { tripId: TRIP_ID, at: at(), ...(missingSerials ? { missingSerials } : {}) },
});

const loaded = (cylinders: TripCylinder[]) =>
  tripEvent(TripEventType.Loaded, {
    tripId: TRIP_ID,
    facilityId: facilities.plant.id,
    cylinders,
    at: at(),
  });
const stopCompleted = (facilityId: string, delivered: string[], collected: TripCylinder[] = []) =>
  tripEvent(TripEventType.StopCompleted, {
    tripId: TRIP_ID,
    facilityId,
    facilityKind: 'hospital',
    delivered,
    collected,
    receivedBy: 'Ali (store)',
    at: at(),
  });
const unloaded = (serials: string[]) =>
  tripEvent(TripEventType.Unloaded, {
    tripId: TRIP_ID,
    facilityId: facilities.plant.id,
    facilityKind: 'producer',
    serials,
    at: at(),
  });
const completed = (missingSerials: string[] = []) =>
  tripEvent(TripEventType.Completed, { tripId: TRIP_ID, missingSerials, at: at() });

const created = tripCreated();
const loadedTwo = [created, loaded([E('A'), E('B')])];
const departed = [...loadedTwo, stopCompleted(facilities.hospital.id, ['A'])];

// ----- create --------------------------------------------------------------------------------

describe('CreateTrip', () => {
  it('plans a trip: origin, vehicle and its capacity, driver, stops in order', () => {
    given([]).when(create()).then([created]);
    expect(tripAfter([created])).toMatchObject({
      status: 'PLANNED',
      capacityBySize: { E: 4, J: 2 },
      stops: [
        { facility: facilities.hospital, completed: false },
        { facility: facilities.otherHospital, completed: false },
      ],
      onBoard: [],
    });
  });

  it('plans a trip from a depot with no known capacity', () => {
    given([])
      .when(create({ origin: facilities.depot, vehicle: { id: 'truck-2' } }))
      .then([
        tripCreated({ origin: facilities.depot, vehicleId: 'truck-2', capacityBySize: null }),
      ]);
  });

  it('refuses a trip id used before', () => {
    given([created])
      .when(create())
      .thenThrows(TripAlreadyCreated, (error) => expect(error.tripId).toBe(TRIP_ID));
  });

  it.each([
    ['an origin at a hospital', { origin: facilities.hospital }, 'origin'],
    ['no stops', { stops: [] }, 'stops'],
    ['a stop at a producer', { stops: [facilities.otherPlant] }, 'stops[0]'],
    ['a repeated stop', { stops: [facilities.hospital, facilities.hospital] }, 'stops[1]'],
    ['a stop at the origin', { origin: facilities.depot, stops: [facilities.depot] }, 'stops[0]'],
    [
      'a negative capacity',
      { vehicle: { id: 'truck-1', capacityBySize: { E: -1 } } },
      'vehicle.capacityBySize.E',
    ],
    ['a blank driver', { driverId: '' }, 'driverId'],
  ])('refuses %s', (_label, data, field) => {
    given([])
      .when(create(data as Partial<Data<'CreateTrip'>>))
      .thenThrows(InvalidCommand, (error) => expect(error.field).toBe(field));
  });
});

// ----- load ----------------------------------------------------------------------------------

describe('LoadTrip', () => {
  it('loads full cylinders at the origin: the trip is LOADING with them on board', () => {
    given([created])
      .when(load([E('A'), E('B')]))
      .then([loaded([E('A'), E('B')])]);
    expect(tripAfter(loadedTwo)).toMatchObject({
      status: 'LOADING',
      onBoard: [
        { serial: 'A', sizeCode: 'E', load: 'full' },
        { serial: 'B', sizeCode: 'E', load: 'full' },
      ],
    });
  });

  it('loads more in several goes, up to the capacity of each size', () => {
    given(loadedTwo)
      .when(load([E('C'), E('D'), J('X'), J('Y')]))
      .then([loaded([E('C'), E('D'), J('X'), J('Y')])]);
  });

  it('refuses more cylinders of a size than the vehicle carries, naming size and capacity', () => {
    given(loadedTwo)
      .when(load([E('C'), E('D'), E('F')]))
      .thenThrows(VehicleCapacityExceeded, (error) => {
        expect(error.code).toBe('trip.vehicle-capacity-exceeded');
        expect(error.details).toMatchObject({ sizeCode: 'E', capacity: 4, wouldCarry: 5 });
      });
  });

  it('refuses a size the vehicle does not carry', () => {
    given([created])
      .when(load([{ serial: 'A', sizeCode: 'D' }]))
      .thenThrows(VehicleCapacityExceeded, (error) =>
        expect(error.details).toMatchObject({ capacity: 0 }),
      );
  });

  it('has no limit when the capacity is not known', () => {
    const many = Array.from({ length: 50 }, (_, index) => E(`S${index}`));
    given([tripCreated({ capacityBySize: null })])
      .when(load(many))
      .then([loaded(many)]);
  });

  it('refuses a cylinder already on board, and one named twice', () => {
    given(loadedTwo)
      .when(load([E('B')]))
      .thenThrows(CylinderAlreadyOnTrip, (error) => expect(error.serial).toBe('B'));
    given([created])
      .when(load([E('A'), E('A')]))
      .thenThrows(DuplicateSerialInBatch);
  });

  it('refuses after the first stop', () => {
    given(departed)
      .when(load([E('C')]))
      .thenThrows(TripAlreadyDeparted);
  });

  it('refuses a trip that was never created', () => {
    given([])
      .when(load([E('A')]))
      .thenThrows(TripNotFound, (error) => expect(error.kind).toBe('not-found'));
  });
});

// ----- stops ---------------------------------------------------------------------------------

describe('DeliverAtStop', () => {
  it('delivers and collects at a planned stop: IN_PROGRESS, delivered off, empties on board', () => {
    given(loadedTwo)
      .when(deliverAt(facilities.hospital.id, ['A'], [E('M')]))
      .then([stopCompleted(facilities.hospital.id, ['A'], [E('M')])]);
    expect(
      tripAfter([...loadedTwo, stopCompleted(facilities.hospital.id, ['A'], [E('M')])]),
    ).toMatchObject({
      status: 'IN_PROGRESS',
      stops: [
        { facility: facilities.hospital, completed: true },
        { facility: facilities.otherHospital, completed: false },
      ],
      onBoard: [
        { serial: 'B', load: 'full' },
        { serial: 'M', load: 'empty' },
      ],
    });
  });

  it('serves stops in any order', () => {
    given(loadedTwo)
      .when(deliverAt(facilities.otherHospital.id, ['B']))
      .then([stopCompleted(facilities.otherHospital.id, ['B'])]);
  });

  it('collects empties on a trip that carried nothing out', () => {
    given([created])
      .when(deliverAt(facilities.hospital.id, [], [E('M')]))
      .then([stopCompleted(facilities.hospital.id, [], [E('M')])]);
  });

  it('refuses a stop that is not on the trip, naming the planned stops', () => {
    given(loadedTwo)
      .when(deliverAt('hospital-elsewhere', ['A']))
      .thenThrows(TripStopNotPlanned, (error) => {
        expect(error.message).toContain('hospital-elsewhere');
        expect(error.message).toContain(facilities.otherHospital.id);
      });
  });

  it('refuses a stop served before', () => {
    given(departed)
      .when(deliverAt(facilities.hospital.id, ['B']))
      .thenThrows(TripStopAlreadyCompleted);
  });

  it('refuses delivering a cylinder that is not on board', () => {
    given(loadedTwo)
      .when(deliverAt(facilities.hospital.id, ['Z']))
      .thenThrows(CylinderNotOnThisTrip, (error) => expect(error.serial).toBe('Z'));
  });

  it('refuses delivering an empty collected earlier on the trip', () => {
    given([...loadedTwo, stopCompleted(facilities.hospital.id, ['A'], [E('M')])])
      .when(deliverAt(facilities.otherHospital.id, ['M']))
      .thenThrows(CylinderNotFull);
  });

  it('refuses collecting a cylinder already on board', () => {
    given(loadedTwo)
      .when(deliverAt(facilities.hospital.id, [], [E('B')]))
      .thenThrows(CylinderAlreadyOnTrip);
  });

  it('refuses collecting beyond capacity, counting what was just delivered', () => {
    // 2 E on board; capacity 4. Delivering 1 and collecting 3 makes 4: fine. Collecting 4 makes 5.
    given(loadedTwo)
      .when(deliverAt(facilities.hospital.id, ['A'], [E('M1'), E('M2'), E('M3')]))
      .then([stopCompleted(facilities.hospital.id, ['A'], [E('M1'), E('M2'), E('M3')])]);
    given(loadedTwo)
      .when(deliverAt(facilities.hospital.id, ['A'], [E('M1'), E('M2'), E('M3'), E('M4')]))
      .thenThrows(VehicleCapacityExceeded);
  });

  it('refuses a stop with nothing delivered or collected, and a serial both delivered and collected', () => {
    given(loadedTwo).when(deliverAt(facilities.hospital.id, [])).thenThrows(InvalidCommand);
    given(loadedTwo)
      .when(deliverAt(facilities.hospital.id, ['A'], [E('A')]))
      .thenThrows(DuplicateSerialInBatch);
  });

  it('refuses after completion', () => {
    given([created, completed()])
      .when(deliverAt(facilities.hospital.id, ['A']))
      .thenThrows(TripAlreadyCompleted);
  });
});

// ----- unload --------------------------------------------------------------------------------

describe('UnloadTrip', () => {
  it('unloads cylinders at a plant: they are no longer on board', () => {
    const withEmpty = [...departed, stopCompleted(facilities.otherHospital.id, ['B'], [E('M')])];
    given(withEmpty)
      .when(unloadAt(facilities.plant, ['M']))
      .then([unloaded(['M'])]);
    expect(tripAfter([...withEmpty, unloaded(['M'])]).onBoard).toEqual([]);
  });

  it('unloads at a depot', () => {
    given(loadedTwo)
      .when(unloadAt(facilities.depot, ['A']))
      .then([
        tripEvent(TripEventType.Unloaded, {
          tripId: TRIP_ID,
          facilityId: facilities.depot.id,
          facilityKind: 'depot',
          serials: ['A'],
          at: at(),
        }),
      ]);
  });

  it('refuses unloading at a hospital', () => {
    given(loadedTwo)
      .when(unloadAt(facilities.hospital, ['A']))
      .thenThrows(TripUnloadNotAtPlantOrDepot);
  });

  it('refuses a cylinder that is not on board', () => {
    given(loadedTwo)
      .when(unloadAt(facilities.plant, ['Z']))
      .thenThrows(CylinderNotOnThisTrip);
    given([...loadedTwo, unloaded(['A'])])
      .when(unloadAt(facilities.plant, ['A']))
      .thenThrows(CylinderNotOnThisTrip);
  });
});

// ----- complete ------------------------------------------------------------------------------

describe('CompleteTrip', () => {
  const emptied = [...departed, stopCompleted(facilities.otherHospital.id, ['B'])];

  it('completes a trip with nothing on board', () => {
    given(emptied).when(complete()).then([completed()]);
    expect(tripAfter([...emptied, completed()]).status).toBe('COMPLETED');
  });

  it('refuses while cylinders are on board, naming them', () => {
    given(departed)
      .when(complete())
      .thenThrows(TripHasCylindersOnBoard, (error) => {
        expect(error.serials).toEqual(['B']);
        expect(error.message).toContain('B');
      });
  });

  it('completes with cylinders declared missing: nothing left on board', () => {
    given(departed)
      .when(complete(['B']))
      .then([completed(['B'])]);
    expect(tripAfter([...departed, completed(['B'])])).toMatchObject({
      onBoard: [],
      missingSerials: ['B'],
    });
  });

  it('refuses declaring missing a cylinder that is not on board', () => {
    given(emptied)
      .when(complete(['A']))
      .thenThrows(CylinderNotOnThisTrip);
  });

  it('refuses completing twice', () => {
    given([...emptied, completed()])
      .when(complete())
      .thenThrows(TripAlreadyCompleted, (error) => expect(error.code).toBe('trip.completed'));
  });

  it.each([
    ['load', load([E('C')])],
    ['deliver', deliverAt(facilities.hospital.id, ['A'])],
    ['unload', unloadAt(facilities.plant, ['A'])],
  ])('refuses %s after completion', (_label, command) => {
    given([...emptied, completed()])
      .when(command)
      .thenThrows(TripAlreadyCompleted);
  });
});

// ----- cancel, abort, and the supplier's own plants -------------------------------------------

describe('calling a trip off', () => {
  const ofSupplier = tripCreated({ supplierId: 'supplier-1' });
  const plantOf = (supplierId: string | null) => ({ ...facilities.plant, supplierId });

  it('cancels a trip before anything is loaded', () => {
    given([created])
      .when({ type: 'CancelTrip', data: { tripId: TRIP_ID, reason: 'driver ill', at: at() } })
      .then([
        tripEvent(TripEventType.Cancelled, { tripId: TRIP_ID, reason: 'driver ill', at: at() }),
      ]);
  });

  it('refuses to cancel once loaded: abort it instead', () => {
    given(loadedTwo)
      .when({ type: 'CancelTrip', data: { tripId: TRIP_ID, reason: 'x', at: at() } })
      .thenThrows(TripAlreadyLoaded, (error) => expect(error.message).toContain('abort'));
  });

  it('aborts a loaded trip: the rest comes off at a plant, the missing are declared', () => {
    given(departed)
      .when({
        type: 'AbortTrip',
        data: {
          tripId: TRIP_ID,
          reason: 'road closed',
          returnTo: facilities.plant,
          missingSerials: [],
          at: at(),
        },
      })
      .then([
        unloaded(['B']),
        tripEvent(TripEventType.Aborted, {
          tripId: TRIP_ID,
          reason: 'road closed',
          returnedTo: facilities.plant.id,
          missingSerials: [],
          at: at(),
        }),
      ]);
    const after = tripAfter([...departed, unloaded(['B'])]);
    expect(after.onBoard).toEqual([]);
  });

  it('refuses to abort a trip with nothing loaded: cancel it', () => {
    given([created])
      .when({
        type: 'AbortTrip',
        data: { tripId: TRIP_ID, reason: 'x', returnTo: facilities.plant, at: at() },
      })
      .thenThrows(TripNotLoaded);
  });

  it('takes no command after it is cancelled or aborted', () => {
    const cancelled = tripEvent(TripEventType.Cancelled, {
      tripId: TRIP_ID,
      reason: 'x',
      at: at(),
    });
    given([created, cancelled])
      .when(load([E('A')]))
      .thenThrows(TripClosed);
  });

  it("unloads only at a plant of the trip's own supplier", () => {
    const loadedOfSupplier = [ofSupplier, loaded([E('A')])];
    given(loadedOfSupplier)
      .when({
        type: 'UnloadTrip',
        data: { tripId: TRIP_ID, facility: plantOf('supplier-2'), serials: ['A'], at: at() },
      })
      .thenThrows(TripUnloadAtAnotherSupplier, (error) =>
        expect(error.details).toMatchObject({
          tripSupplierId: 'supplier-1',
          facilitySupplierId: 'supplier-2',
        }),
      );
    given(loadedOfSupplier)
      .when({
        type: 'UnloadTrip',
        data: { tripId: TRIP_ID, facility: plantOf('supplier-1'), serials: ['A'], at: at() },
      })
      .then([unloaded(['A'])]);
  });

  it('aborts back only to a plant of its own supplier', () => {
    given([ofSupplier, loaded([E('A')])])
      .when({
        type: 'AbortTrip',
        data: { tripId: TRIP_ID, reason: 'x', returnTo: plantOf('supplier-2'), at: at() },
      })
      .thenThrows(TripUnloadAtAnotherSupplier);
  });
});
