import { CylinderEvent, CylinderEventType, cylinderStreamName } from '../cylinder/cylinder.events';
import { evolveCylinder } from '../cylinder/cylinder.decider';
import { CylinderState, initialCylinderState } from '../cylinder/cylinder.state';
import { BatchRefused } from '../shared/domain-error';
import {
  aRegistration,
  at,
  config,
  cylinderRegistered,
  facilities,
  history,
  TRIP_ID,
  tripCreated,
} from '../testing/factories';
import { evolveTrip } from '../trip/trip.decider';
import { TripEvent, TripEventType, tripStreamName } from '../trip/trip.events';
import { initialTripState, TripState } from '../trip/trip.state';
import { decideCompleteTrip } from './complete-trip';
import { decideDeliverAtStop } from './deliver-at-stop';
import { decideFillCylinders, FillCylindersRequest } from './fill-cylinders';
import { decideLoadTrip } from './load-trip';
import { decideRegisterCylinders } from './register-cylinders';
import { decideUnloadTrip } from './unload-trip';

const cylinderState = (events: CylinderEvent[]): CylinderState =>
  events.reduce(evolveCylinder, initialCylinderState());
const tripState = (events: TripEvent[]): TripState => events.reduce(evolveTrip, initialTripState());
const states = (entries: Record<string, CylinderEvent[]>) =>
  new Map(Object.entries(entries).map(([serial, events]) => [serial, cylinderState(events)]));

/** The refusal thrown by `decide`, which must be a BatchRefused. */
function refusal(decide: () => unknown): BatchRefused {
  try {
    decide();
  } catch (error) {
    if (error instanceof BatchRefused) return error;
    throw error;
  }
  throw new Error('expected BatchRefused, but the command was accepted');
}
const codesBySerial = (error: BatchRefused) =>
  error.errors.map((e) => [e.serial ?? e.tripId, e.code]);

const plantFillRequest = (serials: string[]): FillCylindersRequest => ({
  serials,
  plantId: facilities.plant.id,
  manifoldId: 'manifold-1',
  lot: 'LOT-42',
  purityPercent: 99.6,
  pressureBar: 137,
  operatorId: 'operator-1',
  at: at(),
});

describe('decideRegisterCylinders', () => {
  it('registers every cylinder of a batch, one stream each', () => {
    const decision = decideRegisterCylinders(
      {
        cylinders: [aRegistration({ serial: 'A' }), aRegistration({ serial: 'B', sizeCode: 'J' })],
        at: at(),
      },
      new Map(),
      config,
    );
    expect([...decision.events.cylinders.keys()]).toEqual(['A', 'B']);
    expect(decision.events.cylinders.get('B')).toEqual([
      cylinderRegistered({ serial: 'B', sizeCode: 'J', at: at() }),
    ]);
    expect(decision.streams.map((stream) => stream.streamName)).toEqual([
      cylinderStreamName('A'),
      cylinderStreamName('B'),
    ]);
  });

  it('registers none when one is refused, listing every refusal by serial', () => {
    const error = refusal(() =>
      decideRegisterCylinders(
        {
          cylinders: [
            aRegistration({ serial: 'A' }),
            aRegistration({ serial: 'B' }),
            aRegistration({ serial: 'C', sizeCode: 'ZZ' }),
            aRegistration({ serial: 'A' }),
          ],
          at: at(),
        },
        states({ B: history.fullAtPlant('B') }),
        config,
      ),
    );
    expect(codesBySerial(error)).toEqual([
      ['A', 'batch.duplicate-serial'],
      ['B', 'cylinder.serial-already-registered'],
      ['C', 'cylinder-size.unknown'],
    ]);
    expect(error.code).toBe('batch.refused');
    expect(error.kind).toBe('invalid');
    expect(error.toJSON()).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ serial: 'B' })]),
    });
  });

  it('refuses an empty batch', () => {
    expect(
      codesBySerial(
        refusal(() => decideRegisterCylinders({ cylinders: [], at: at() }, new Map(), config)),
      ),
    ).toEqual([[undefined, 'command.invalid']]);
  });
});

describe('decideFillCylinders', () => {
  it('fills every cylinder of the manifold with the same lot', () => {
    const decision = decideFillCylinders(
      plantFillRequest(['A', 'B']),
      states({ A: history.emptyAtPlant('A'), B: history.emptyAtPlant('B') }),
      config,
    );
    const filled = [...decision.events.cylinders.values()].flat();
    expect(filled.map((event) => [event.type, event.data.serial])).toEqual([
      [CylinderEventType.Filled, 'A'],
      [CylinderEventType.Filled, 'B'],
    ]);
    expect(
      filled.every(
        (event) => event.type === CylinderEventType.Filled && event.data.lot === 'LOT-42',
      ),
    ).toBe(true);
  });

  it('fills none when any cylinder may not be filled, reporting each', () => {
    const overdue = [cylinderRegistered({ serial: 'C', lastTestDate: '2019-01-01' })];
    const error = refusal(() =>
      decideFillCylinders(
        plantFillRequest(['A', 'B', 'C', 'D']),
        states({ A: history.emptyAtPlant('A'), B: history.fullAtPlant('B'), C: overdue }),
        config,
      ),
    );
    expect(codesBySerial(error)).toEqual([
      ['B', 'cylinder.not-empty'],
      ['C', 'cylinder.test-overdue'],
      ['D', 'cylinder.not-registered'],
    ]);
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('nothing was recorded');
  });
});

describe('decideLoadTrip', () => {
  const trip = tripState([tripCreated()]);

  it('loads the trip and each cylinder, with sizes taken from the cylinders', () => {
    const decision = decideLoadTrip(
      { tripId: TRIP_ID, serials: ['A', 'B'], at: at() },
      trip,
      states({ A: history.fullAtPlant('A'), B: history.fullAtPlant('B') }),
    );
    expect(decision.events.trip).toEqual([
      {
        type: TripEventType.Loaded,
        version: 1,
        data: {
          tripId: TRIP_ID,
          facilityId: facilities.plant.id,
          cylinders: [
            { serial: 'A', sizeCode: 'E' },
            { serial: 'B', sizeCode: 'E' },
          ],
          at: at(),
        },
      },
    ]);
    expect(decision.events.cylinders.get('A')?.map((event) => event.type)).toEqual([
      CylinderEventType.Loaded,
    ]);
    expect(decision.streams.map((stream) => stream.streamName)).toEqual([
      tripStreamName(TRIP_ID),
      cylinderStreamName('A'),
      cylinderStreamName('B'),
    ]);
  });

  it('loads nothing when a cylinder is not full at the origin, reporting each', () => {
    const error = refusal(() =>
      decideLoadTrip(
        { tripId: TRIP_ID, serials: ['A', 'B', 'C'], at: at() },
        trip,
        states({
          A: history.fullAtPlant('A'),
          B: history.emptyAtPlant('B'),
          C: history.fullAtPlant('C', facilities.otherPlant),
        }),
      ),
    );
    expect(codesBySerial(error)).toEqual([
      ['B', 'cylinder.not-full'],
      ['C', 'cylinder.not-at-trip-origin'],
    ]);
  });

  it("refuses beyond the vehicle's capacity, using the cylinders' sizes", () => {
    const serials = ['A', 'B', 'C'];
    const error = refusal(() =>
      decideLoadTrip(
        { tripId: TRIP_ID, serials, at: at() },
        tripState([tripCreated({ capacityBySize: { E: 2 } })]),
        states(Object.fromEntries(serials.map((serial) => [serial, history.fullAtPlant(serial)]))),
      ),
    );
    expect(codesBySerial(error)).toEqual([[TRIP_ID, 'trip.vehicle-capacity-exceeded']]);
  });

  it('refuses a trip that does not exist, or is completed', () => {
    const cylinders = states({ A: history.fullAtPlant('A') });
    expect(
      codesBySerial(
        refusal(() =>
          decideLoadTrip(
            { tripId: TRIP_ID, serials: ['A'], at: at() },
            initialTripState(),
            cylinders,
          ),
        ),
      ),
    ).toEqual([[TRIP_ID, 'trip.not-found']]);
    const done = tripState([
      tripCreated(),
      {
        type: TripEventType.Completed,
        version: 1,
        data: { tripId: TRIP_ID, missingSerials: [], at: at() },
      },
    ]);
    expect(
      codesBySerial(
        refusal(() =>
          decideLoadTrip({ tripId: TRIP_ID, serials: ['A'], at: at() }, done, cylinders),
        ),
      ),
    ).toEqual([[TRIP_ID, 'trip.completed']]);
  });
});

describe('decideDeliverAtStop', () => {
  const loadedTrip = (serials: string[]) =>
    tripState([
      tripCreated(),
      {
        type: TripEventType.Loaded,
        version: 1,
        data: {
          tripId: TRIP_ID,
          facilityId: facilities.plant.id,
          cylinders: serials.map((serial) => ({ serial, sizeCode: 'E' })),
          at: at(),
        },
      },
    ]);

  it('delivers fulls and collects empties at the stop, on the trip and on each cylinder', () => {
    const decision = decideDeliverAtStop(
      {
        tripId: TRIP_ID,
        facilityId: facilities.hospital.id,
        delivered: ['A'],
        collected: ['M'],
        receivedBy: 'Ali (store)',
        at: at(),
      },
      loadedTrip(['A']),
      states({ A: history.inTransitFull('A'), M: history.emptyAtHospital('M') }),
    );
    expect(decision.events.trip).toMatchObject([
      {
        type: TripEventType.StopCompleted,
        data: {
          delivered: ['A'],
          collected: [{ serial: 'M', sizeCode: 'E' }],
          facilityKind: 'hospital',
        },
      },
    ]);
    expect(decision.events.cylinders.get('A')).toMatchObject([
      {
        type: CylinderEventType.Delivered,
        data: { facilityId: facilities.hospital.id, receivedBy: 'Ali (store)' },
      },
    ]);
    expect(decision.events.cylinders.get('M')).toMatchObject([
      { type: CylinderEventType.Collected, data: { tripId: TRIP_ID } },
    ]);
  });

  it('moves nothing when an empty is not EMPTY at this stop, or a full is on another trip', () => {
    const error = refusal(() =>
      decideDeliverAtStop(
        {
          tripId: TRIP_ID,
          facilityId: facilities.hospital.id,
          delivered: ['A', 'X'],
          collected: ['M', 'N'],
          receivedBy: 'Ali (store)',
          at: at(),
        },
        loadedTrip(['A']),
        states({
          A: history.inTransitFull('A'),
          X: history.inTransitFull('X', 'trip-other'),
          M: history.inUseAtHospital('M'),
          N: history.emptyAtHospital('N', facilities.otherHospital),
        }),
      ),
    );
    // X is reported once although both the trip and the cylinder refuse it.
    expect(codesBySerial(error)).toEqual([
      ['X', 'cylinder.not-on-this-trip'],
      ['M', 'cylinder.not-empty'],
      ['N', 'cylinder.not-at-facility'],
    ]);
  });

  it('refuses a stop that is not on the trip', () => {
    const error = refusal(() =>
      decideDeliverAtStop(
        {
          tripId: TRIP_ID,
          facilityId: 'hospital-x',
          delivered: ['A'],
          collected: [],
          receivedBy: 'Ali',
          at: at(),
        },
        loadedTrip(['A']),
        states({ A: history.inTransitFull('A') }),
      ),
    );
    expect(codesBySerial(error)).toEqual([[TRIP_ID, 'trip.stop-not-planned']]);
  });
});

describe('decideUnloadTrip', () => {
  it('unloads empties and undelivered fulls at the plant', () => {
    const trip = tripState([
      tripCreated(),
      {
        type: TripEventType.Loaded,
        version: 1,
        data: {
          tripId: TRIP_ID,
          facilityId: facilities.plant.id,
          cylinders: [{ serial: 'A', sizeCode: 'E' }],
          at: at(),
        },
      },
      {
        type: TripEventType.StopCompleted,
        version: 1,
        data: {
          tripId: TRIP_ID,
          facilityId: facilities.hospital.id,
          facilityKind: 'hospital',
          delivered: [],
          collected: [{ serial: 'M', sizeCode: 'E' }],
          receivedBy: 'Ali',
          at: at(),
        },
      },
    ]);
    const decision = decideUnloadTrip(
      { tripId: TRIP_ID, facility: facilities.plant, serials: ['A', 'M'], at: at() },
      trip,
      states({ A: history.inTransitFull('A'), M: history.inTransitEmpty('M') }),
    );
    expect(decision.events.trip).toMatchObject([
      { type: TripEventType.Unloaded, data: { serials: ['A', 'M'] } },
    ]);
    expect(decision.events.cylinders.get('A')).toMatchObject([{ data: { load: 'full' } }]);
    expect(decision.events.cylinders.get('M')).toMatchObject([{ data: { load: 'empty' } }]);
  });

  it('refuses unloading at a hospital', () => {
    const trip = tripState([tripCreated()]);
    expect(
      codesBySerial(
        refusal(() =>
          decideUnloadTrip(
            { tripId: TRIP_ID, facility: facilities.hospital, serials: ['A'], at: at() },
            trip,
            new Map(),
          ),
        ),
      ),
    ).toContainEqual([TRIP_ID, 'trip.unload-not-at-plant-or-depot']);
  });
});

describe('decideCompleteTrip', () => {
  const onBoard = tripState([
    tripCreated(),
    {
      type: TripEventType.Loaded,
      version: 1,
      data: {
        tripId: TRIP_ID,
        facilityId: facilities.plant.id,
        cylinders: [
          { serial: 'A', sizeCode: 'E' },
          { serial: 'B', sizeCode: 'E' },
        ],
        at: at(),
      },
    },
  ]);

  it('reports lost the missing cylinders still on the trip, and leaves those already reported', () => {
    const decision = decideCompleteTrip(
      { tripId: TRIP_ID, missingSerials: ['A', 'B'], at: at() },
      onBoard,
      states({ A: history.inTransitFull('A'), B: history.lostFrom(history.inTransitFull('B')) }),
    );
    expect(decision.events.trip).toMatchObject([
      { type: TripEventType.Completed, data: { missingSerials: ['A', 'B'] } },
    ]);
    expect([...decision.events.cylinders.keys()]).toEqual(['A']);
    expect(decision.events.cylinders.get('A')).toMatchObject([
      {
        type: CylinderEventType.ReportedLost,
        data: { lastKnownLocation: { kind: 'trip', tripId: TRIP_ID }, lastStatus: 'IN_TRANSIT' },
      },
    ]);
  });

  it('refuses while cylinders are on board and not declared missing', () => {
    const error = refusal(() =>
      decideCompleteTrip({ tripId: TRIP_ID, missingSerials: ['A'], at: at() }, onBoard, new Map()),
    );
    expect(codesBySerial(error)).toEqual([[TRIP_ID, 'trip.cylinders-on-board']]);
    expect(error.errors[0]?.details.serials).toEqual(['B']);
  });
});
