import { cylinderEvent, CylinderEvent, CylinderEventType } from '../cylinder/cylinder.events';
import { evolveCylinder } from '../cylinder/cylinder.decider';
import { CylinderState, initialCylinderState } from '../cylinder/cylinder.state';
import { at, facilities, history } from '../testing/factories';
import {
  decideRecallChunk,
  evolveLotRecall,
  LotHasNoCylinders,
  LotRecall,
  LotRecallEvent,
  nextRecallChunk,
  startLotRecall,
  summarizeLotRecall,
} from './lot-recall';

const LOT = 'LOT-1'; // the lot of the factories' fills
const stateOf = (events: CylinderEvent[]): CylinderState =>
  events.reduce(evolveCylinder, initialCylinderState());
const refilled = (serial: string): CylinderEvent[] => [
  ...history.inTransitEmpty(serial),
  cylinderEvent(CylinderEventType.Unloaded, {
    serial,
    tripId: 'trip-2',
    facilityId: facilities.plant.id,
    facilityKind: 'producer',
    load: 'empty',
    at: at(-3),
  }),
  cylinderEvent(CylinderEventType.Filled, {
    serial,
    plantId: facilities.plant.id,
    manifoldId: null,
    lot: 'LOT-2',
    purityPercent: 99.6,
    pressureBar: 137,
    operatorId: 'op',
    at: at(-2),
  }),
];

/** One cylinder of the lot in every situation a recall meets. */
const fleet = new Map<string, CylinderState>([
  ['A-PLANT', stateOf(history.fullAtPlant('A-PLANT'))],
  ['B-TRUCK', stateOf(history.inTransitFull('B-TRUCK'))],
  ['C-WARD', stateOf(history.inUseAtHospital('C-WARD'))],
  ['D-STORE', stateOf(history.fullAtHospital('D-STORE'))],
  ['E-EMPTIED', stateOf(history.emptyAtHospital('E-EMPTIED'))],
  ['F-REFILLED', stateOf(refilled('F-REFILLED'))],
]);

function started(): LotRecall {
  const events = startLotRecall(null, {
    lot: LOT,
    reason: 'moisture above limit in retained sample',
    serials: [...fleet.keys()],
    at: at(),
  });
  return events.reduce(evolveLotRecall, null)!;
}

/** Runs chunks until done, or `maxChunks` (a crash after them); returns every stream written. */
function runChunks(recall: LotRecall, cylinders: Map<string, CylinderState>, maxChunks = Infinity) {
  const written: { streamName: string; events: unknown[] }[] = [];
  let state = recall;
  for (let n = 0; n < maxChunks && state.completedAt === null; n++) {
    const chunk = nextRecallChunk(state, 2);
    const { recall: events, streams } = decideRecallChunk(state, chunk, cylinders, at(1));
    written.push(...streams);
    state = (events as LotRecallEvent[]).reduce(evolveLotRecall, state)!;
    for (const stream of streams.slice(1)) {
      const serial = stream.streamName.slice('cylinder-'.length);
      cylinders.set(
        serial,
        (stream.events as CylinderEvent[]).reduce(evolveCylinder, cylinders.get(serial)!),
      );
    }
  }
  return { state, written };
}

describe('lot recall', () => {
  it('quarantines every cylinder of the lot still holding its oxygen, wherever it is', () => {
    const { state } = runChunks(started(), new Map(fleet));
    const outcome = Object.fromEntries(state.results.map((r) => [r.serial, r.outcome]));
    expect(outcome).toEqual({
      'A-PLANT': 'quarantined',
      'B-TRUCK': 'quarantined',
      'C-WARD': 'quarantined',
      'D-STORE': 'quarantined',
      'E-EMPTIED': 'emptied',
      'F-REFILLED': 'refilled',
    });
    expect(state.completedAt).toBe(at(1));
  });

  it('reports where they were, which hospitals received the lot and the possible exposure', () => {
    const { state } = runChunks(started(), new Map(fleet));
    expect(summarizeLotRecall(state)).toMatchObject({
      cylinders: 6,
      quarantined: 4,
      emptied: 1,
      refilled: 1,
      possiblyExposed: 2, // one in use on a ward, one already emptied there
      hospitalsReceived: [facilities.hospital.id],
    });
    const onTruck = state.results.find((r) => r.serial === 'B-TRUCK');
    expect(onTruck?.location).toEqual({ kind: 'trip', id: 'trip-1' });
  });

  it('holds a recalled cylinder on the truck: not delivered, unloaded still quarantined', () => {
    const cylinders = new Map(fleet);
    runChunks(started(), cylinders);
    expect(cylinders.get('B-TRUCK')).toMatchObject({
      status: 'QUARANTINED',
      location: { kind: 'trip', tripId: 'trip-1' },
      returnTo: 'FULL',
    });
  });

  it('resumes after a crash between chunks and quarantines each cylinder exactly once', () => {
    const cylinders = new Map(fleet);
    const first = runChunks(started(), cylinders, 1); // crash after the first chunk
    expect(first.state.completedAt).toBeNull();
    const rest = runChunks(first.state, cylinders);
    const quarantines = [...first.written, ...rest.written]
      .flatMap((stream) => stream.events as { type: string; data: { serial?: string } }[])
      .filter((event) => event.type === CylinderEventType.Quarantined)
      .map((event) => event.data.serial);
    expect(quarantines.sort()).toEqual(['A-PLANT', 'B-TRUCK', 'C-WARD', 'D-STORE']);
    expect(rest.state.results.map((r) => r.serial).sort()).toEqual([...fleet.keys()].sort());
  });

  it('starts once: starting again is a resume, not a second recall', () => {
    expect(
      startLotRecall(started(), { lot: LOT, reason: 'again', serials: ['X'], at: at() }),
    ).toEqual([]);
  });

  it('refuses a lot nobody filled', () => {
    expect(() => startLotRecall(null, { lot: 'NOPE', reason: 'r', serials: [], at: at() })).toThrow(
      LotHasNoCylinders,
    );
  });
});
