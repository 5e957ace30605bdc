import { randomUUID } from 'node:crypto';
import { appDataSourceOptions, runMigrationsUnderLock } from '@oxyledger/database';
import type { SupplyLevel } from '@oxyledger/domain';
import type { EventStore, RecordedEvent } from '@oxyledger/event-store';
import { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import type { Facility, NetworkService } from '@oxyledger/network';
import { DataSource } from 'typeorm';
import type { HospitalSupply, HospitalSupplyReader } from './hospital-supply.reader';
import { SupplyLevelsProjection } from './supply-level.watcher';

const databaseUrl = () =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oxyledger_test';

/**
 * The stored supply row: what the watcher keeps per hospital, given the statuses it computes.
 * The computation itself (need, days of supply) is the reader's and the domain's, tested there
 * and end to end; here a reader whose answers the test sets stands in for it.
 */
describe('supply levels projection: the stored supply row', () => {
  let store: EventStore;
  let dataSource: DataSource;
  let projection: SupplyLevelsProjection;
  const run = randomUUID().slice(0, 8);
  const hospitals = new Map<string, Facility>();
  /** What the stand-in reader answers per hospital: level and days of supply. */
  const answers = new Map<string, { level: SupplyLevel; days: number }>();

  const hospital = (suffix: string): Facility => {
    const facility = {
      id: `hospital-${run}-${suffix}`,
      kind: 'hospital',
      name: `Hospital ${suffix}`,
      governorate: 'Basra',
      latitude: 30.5,
      longitude: 47.8,
      receivingHours: null,
      supplierId: null,
      active: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    } satisfies Facility;
    hospitals.set(facility.id, facility);
    return facility;
  };

  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: databaseUrl() });
    dataSource = await new DataSource(appDataSourceOptions(databaseUrl())).initialize();
    await runMigrationsUnderLock(dataSource, { log: () => undefined });
    const network = {
      findFacility: async (id: string) => hospitals.get(id) ?? null,
      // this run's hospitals only: other runs' rows in the shared test database are theirs
      allFacilities: async () => [...hospitals.values()],
    } as unknown as NetworkService;
    const reader = {
      forHospitals: async (of: readonly Facility[], now: Date) =>
        of.map((facility) => statusOf(facility, answers.get(facility.id)!, now)),
    } as unknown as HospitalSupplyReader;
    projection = new SupplyLevelsProjection(store, dataSource, network, reader);
  });
  afterAll(async () => {
    await store?.close();
    await dataSource?.destroy();
  });

  /**
   * A census for the hospital: an event of its demand stream, which the watcher follows. Its type
   * is the domain's own: the database is shared with the suites that run the projector.
   */
  async function census(facility: Facility): Promise<RecordedEvent[]> {
    const stream = `hospital-demand-${facility.id}`;
    await store.appendToStream(
      stream,
      [
        {
          id: randomUUID(),
          type: 'OxygenCensusReported',
          data: { facilityId: facility.id, severe: 1, critical: 0, at: new Date().toISOString() },
          metadata: { schemaVersion: 1 },
        },
      ],
      'any',
    );
    return (await store.readStream(stream)).slice(-1);
  }

  /** One batch as the runner applies it: the work before, the transaction, then the commit. */
  async function applyBatch(events: RecordedEvent[]): Promise<void> {
    await projection.beforeTransaction(events, new AbortController().signal);
    await dataSource.transaction((transaction) => projection.apply(events, transaction));
    projection.batchCommitted();
  }

  async function row(facilityId: string) {
    const [found] = (await dataSource.query(
      `SELECT level, days_of_supply, status, computed_at FROM app.supply_levels
       WHERE facility_id = $1`,
      [facilityId],
    )) as {
      level: string;
      days_of_supply: number;
      status: HospitalSupply;
      computed_at: Date;
    }[];
    return found;
  }

  async function crossings(facilityId: string): Promise<string[]> {
    return (await store.readStream(`hospital-supply-${facilityId}`)).map((event) => {
      const data = event.data as { from: string | null; to: string };
      return `${data.from ?? 'unknown'}→${data.to}`;
    });
  }

  it('stores the whole status of a hospital a batch touches, with when it was computed', async () => {
    // Given a hospital whose status comes out critical, 1.2 days of supply
    const basra = hospital('a');
    answers.set(basra.id, { level: 'critical', days: 1.2 });
    const before = Date.now();

    // When a census of it is projected
    await applyBatch(await census(basra));

    // Then its row holds the level and the whole status, and the crossing is recorded
    const stored = await row(basra.id);
    expect(stored).toMatchObject({ level: 'critical', days_of_supply: 1.2 });
    expect(stored.status).toMatchObject({
      facilityId: basra.id,
      level: 'critical',
      daysOfSupply: 1.2,
      needLitresPerDay: 10_000,
      nearestProducer: { facilityId: 'plant-x', distanceKm: 12.5 },
    });
    expect(stored.computed_at.getTime()).toBeGreaterThanOrEqual(before);
    expect(stored.status.computedAt).toBe(stored.computed_at.toISOString());
    expect(await crossings(basra.id)).toEqual(['unknown→critical']);
  });

  it('leaves the same row and one crossing when a batch is applied twice (a replay)', async () => {
    const najaf = hospital('b');
    answers.set(najaf.id, { level: 'low', days: 3.5 });
    const batch = await census(najaf);

    await applyBatch(batch);
    const first = await row(najaf.id);
    await applyBatch(batch);
    const second = await row(najaf.id);

    const { computedAt: _first, ...firstStatus } = first.status;
    const { computedAt: _second, ...secondStatus } = second.status;
    expect(secondStatus).toEqual(firstStatus);
    expect(second.level).toBe(first.level);
    expect(await crossings(najaf.id)).toEqual(['unknown→low']);
  });

  it('refreshes every hospital: a status that moved with the clock, and a hospital never touched', async () => {
    // Given a hospital stored as critical, and one no event touched yet
    const kut = hospital('c');
    answers.set(kut.id, { level: 'critical', days: 1.5 });
    await applyBatch(await census(kut));
    const quiet = hospital('d');
    answers.set(quiet.id, { level: 'ok', days: 9 });
    // When time passes (a surge census ages out) and its status comes out ok
    answers.set(kut.id, { level: 'ok', days: 6 });
    await projection.refresh();
    await projection.refresh();

    // Then both rows are current, and the crossing is recorded once across both refreshes
    expect(await row(kut.id)).toMatchObject({ level: 'ok', days_of_supply: 6 });
    expect((await row(quiet.id)).status).toMatchObject({ level: 'ok', daysOfSupply: 9 });
    expect(await crossings(kut.id)).toEqual(['unknown→critical', 'critical→ok']);
    expect(await crossings(quiet.id)).toEqual(['unknown→ok']);
  });

  it('lets a refresh wait for the batch in flight, so a crossing is recorded once', async () => {
    // Given a batch that recorded its hospital's first crossing and has yet to commit
    const mosul = hospital('f');
    answers.set(mosul.id, { level: 'critical', days: 1 });
    const batch = await census(mosul);
    await projection.beforeTransaction(batch, new AbortController().signal);

    // When a refresh comes meanwhile
    const refreshed = projection.refresh();
    await dataSource.transaction((transaction) => projection.apply(batch, transaction));
    projection.batchCommitted();
    await refreshed;

    // Then it found the level the batch stored: nothing crossed twice
    expect(await crossings(mosul.id)).toEqual(['unknown→critical']);
  });

  it('never replaces a status with one computed earlier (a refresh overtaken by a batch)', async () => {
    const erbil = hospital('e');
    answers.set(erbil.id, { level: 'low', days: 3 });
    await applyBatch(await census(erbil));
    const latest = await row(erbil.id);

    // a batch computed before the stored status, committing after it
    const stale = statusOf(erbil, { level: 'out', days: 0 }, new Date(Date.now() - 60_000));
    const older = await census(erbil);
    const reader = (projection as unknown as { supply: HospitalSupplyReader }).supply;
    const answer = reader.forHospitals;
    reader.forHospitals = async () => [stale];
    try {
      await applyBatch(older);
    } finally {
      reader.forHospitals = answer;
    }

    expect(await row(erbil.id)).toMatchObject({ level: 'low', computed_at: latest.computed_at });
    expect(await crossings(erbil.id)).toEqual(['unknown→low']);
  });

  it('lets a refresh waiting for a batch go on when the runner stops instead of committing', async () => {
    // Given a refresh waiting for a batch in flight
    const najaf = hospital('g');
    answers.set(najaf.id, { level: 'ok', days: 9 });
    const stopping = new AbortController();
    await projection.beforeTransaction(await census(najaf), stopping.signal);
    const refreshed = projection.refresh().then(() => 'refreshed');

    // When the runner stops (shutdown) before the batch commits
    stopping.abort();

    // Then the refresh goes on at once, without waiting out its 30 s backstop
    const waited = new Promise((resolve) => setTimeout(resolve, 5_000, 'still waiting').unref());
    expect(await Promise.race([refreshed, waited])).toBe('refreshed');
  });
});

function statusOf(
  facility: Facility,
  answer: { level: SupplyLevel; days: number },
  now: Date,
): HospitalSupply {
  return {
    facilityId: facility.id,
    name: facility.name,
    governorate: facility.governorate,
    level: answer.level,
    needLitresPerDay: 10_000,
    onHandLitres: answer.days * 10_000,
    daysOfSupply: answer.days,
    reorderPointLitres: 30_000,
    orderUpToLitres: 40_000,
    leadTimeDays: 0.3,
    bySize: [],
    need: {
      litresPerDay: 10_000,
      basis: 'clinical',
      clinicalLitresPerDay: 10_000,
      consumptionLitresPerDay: undefined,
      historyDays: 0,
    },
    nearestProducer: { facilityId: 'plant-x', distanceKm: 12.5 },
    emptiesAwaitingCollection: 0,
    computedAt: now.toISOString(),
  };
}
