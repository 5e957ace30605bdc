import { randomUUID } from 'node:crypto';
import {
  cylinderStreamName,
  decideFillCylinders,
  decideRegisterCylinders,
  type DomainEvent,
  evolveCylinder,
  initialCylinderState,
  isCylinderEvent,
  STANDARD_CYLINDER_CONFIG,
  type StreamEvents,
} from '@oxyledger/domain';
import { appDataSourceOptions, runMigrationsUnderLock } from '@oxyledger/database';
import type { EventStore, Position } from '@oxyledger/event-store';
import { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import { DataSource } from 'typeorm';
import { CheckpointMovedError, ProjectionRunner } from '../projection-runner';
import { CylindersProjection } from './cylinders.projection';

const databaseUrl = () =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oxyledger_test';

describe('cylinders projection', () => {
  let store: EventStore;
  let dataSource: DataSource;
  const runners: ProjectionRunner[] = [];
  const plant = { id: `plant-${randomUUID().slice(0, 8)}`, kind: 'producer' as const };

  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: databaseUrl() });
    dataSource = await new DataSource(appDataSourceOptions(databaseUrl())).initialize();
    await runMigrationsUnderLock(dataSource, { log: () => undefined });
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });
  afterAll(async () => {
    await store?.close();
    await dataSource?.destroy();
  });

  const start = async () => {
    const runner = new ProjectionRunner(store, dataSource, new CylindersProjection());
    runners.push(runner);
    await runner.start();
    return runner;
  };

  async function append(streams: StreamEvents[], expected: 'no_stream' | number) {
    const result = await store.appendToStreams(
      streams.map(({ streamName, events }) => ({
        streamName,
        expectedRevision: expected,
        events: events.map((event: DomainEvent) => ({
          id: randomUUID(),
          type: event.type,
          data: event.data,
          metadata: { schemaVersion: event.version },
        })),
      })),
    );
    return result.position;
  }

  async function rows(serials: string[]) {
    return (await dataSource.query(
      `SELECT serial, status, facility_id, trip_id, last_event_type, last_fill_lot,
              last_fill_purity::float8 AS purity, next_test_due::text AS next_test_due
       FROM app.cylinder_states WHERE serial = ANY($1) ORDER BY serial`,
      [serials],
    )) as Record<string, unknown>[];
  }

  async function stockAt(facilityId: string) {
    return (await dataSource.query(
      `SELECT owner_id, size_code, status, count, oxygen_litres::int AS litres FROM app.stock
       WHERE location_kind = 'facility' AND location_id = $1 ORDER BY status`,
      [facilityId],
    )) as Record<string, unknown>[];
  }

  it('keeps each cylinder where the ledger says it is, and resumes from its checkpoint', async () => {
    const batch = randomUUID().slice(0, 8).toUpperCase();
    const serials = [1, 2, 3].map((n) => `PRJ-${batch}-${n}`);
    const at = '2026-11-20T08:00:00.000Z';
    const registered = decideRegisterCylinders(
      {
        at,
        cylinders: serials.map((serial) => ({
          serial,
          sizeCode: 'J',
          ownerId: 'rafidain-oxygen',
          gasGrade: 'oxygen-99.5',
          manufactureDate: '2020-01-01',
          lastTestDate: '2024-06-01',
          facility: plant,
        })),
      },
      new Map(),
      STANDARD_CYLINDER_CONFIG,
    );
    await append(registered.streams, 'no_stream');
    const registeredStates = new Map(
      registered.streams.map(({ streamName, events }) => [
        streamName.slice('cylinder-'.length),
        events.filter(isCylinderEvent).reduce(evolveCylinder, initialCylinderState()),
      ]),
    );
    const filled = decideFillCylinders(
      {
        at,
        serials: serials.slice(0, 2),
        plantId: plant.id,
        lot: 'LOT-7',
        purityPercent: 99.5,
        pressureBar: 137,
        operatorId: 'op-1',
      },
      registeredStates,
      STANDARD_CYLINDER_CONFIG,
    );
    const fillPosition = await append(filled.streams, 0);

    const first = await start();
    await first.caughtUpTo(fillPosition);

    expect(await rows(serials)).toEqual([
      expect.objectContaining({
        serial: serials[0],
        status: 'FULL',
        facility_id: plant.id,
        last_fill_lot: 'LOT-7',
        purity: 99.5,
        next_test_due: '2029-06-01',
      }),
      expect.objectContaining({
        serial: serials[1],
        status: 'FULL',
        last_event_type: 'CylinderFilled',
      }),
      expect.objectContaining({ serial: serials[2], status: 'EMPTY', last_fill_lot: null }),
    ]);

    await first.stop();
    const quarantined = await append(
      [
        {
          streamName: cylinderStreamName(serials[2]),
          events: [
            {
              type: 'CylinderQuarantined',
              version: 1,
              data: { serial: serials[2], reason: 'Valve leak', at },
            } as DomainEvent,
          ],
        },
      ],
      0,
    );
    const second = await start();
    await second.caughtUpTo(quarantined as Position);

    const after = await rows(serials);
    expect(after[2]).toMatchObject({
      status: 'QUARANTINED',
      last_event_type: 'CylinderQuarantined',
    });
    expect(after[0]).toMatchObject({ status: 'FULL' });
    expect(await stockAt(plant.id)).toEqual([
      { owner_id: 'rafidain-oxygen', size_code: 'J', status: 'FULL', count: 2, litres: 13600 },
      { owner_id: 'rafidain-oxygen', size_code: 'J', status: 'QUARANTINED', count: 1, litres: 0 },
    ]);
    expect(
      await dataSource.query(
        'SELECT day::text, size_code, count, oxygen_litres::int AS litres FROM app.daily_fills WHERE plant_id = $1',
        [plant.id],
      ),
    ).toEqual([{ day: '2026-11-20', size_code: 'J', count: 2, litres: 13600 }]);
    expect(
      await dataSource.query(
        'SELECT count(*)::int AS visited FROM app.cylinder_visits WHERE facility_id = $1',
        [plant.id],
      ),
    ).toEqual([{ visited: 3 }]);
  });

  it('stops without applying a batch when another runner moved its checkpoint', async () => {
    const runner = new ProjectionRunner(store, dataSource, new CylindersProjection());
    runners.push(runner);
    const serial = `PRJ-${randomUUID().slice(0, 8).toUpperCase()}-9`;
    const register = (s: string) =>
      decideRegisterCylinders(
        {
          at: '2026-11-20T08:00:00.000Z',
          cylinders: [
            {
              serial: s,
              sizeCode: 'E',
              ownerId: 'rafidain-oxygen',
              gasGrade: 'oxygen-99.5',
              manufactureDate: '2020-01-01',
              lastTestDate: '2024-06-01',
              facility: plant,
            },
          ],
        },
        new Map(),
        STANDARD_CYLINDER_CONFIG,
      ).streams;
    const marker = await append(register(`${serial}M`), 'no_stream');
    await runner.start();
    await runner.caughtUpTo(marker);
    const [{ position }] = await dataSource.query(
      "SELECT position FROM app.projection_checkpoints WHERE name = 'cylinders'",
    );
    await dataSource.query(
      "UPDATE app.projection_checkpoints SET position = NULL WHERE name = 'cylinders'",
    );
    try {
      await append(register(serial), 'no_stream');
      expect(await runner.stopped()).toBeInstanceOf(CheckpointMovedError);
      expect(await rows([serial])).toEqual([]);
    } finally {
      await dataSource.query(
        "UPDATE app.projection_checkpoints SET position = $1 WHERE name = 'cylinders'",
        [position],
      );
    }
  });
});
