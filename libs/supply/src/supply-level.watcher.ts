import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import {
  hospitalSupplyStreamName,
  type SupplyLevel,
  type SupplyLevelChanged,
} from '@oxyledger/domain';
import {
  deterministicId,
  EVENT_STORE,
  EventIdConflictError,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@oxyledger/event-store';
import { type Projection, ProjectionWorker, projectionsReached } from '@oxyledger/read-models';
import { DataSource, type EntityManager } from 'typeorm';
import { NetworkService } from '@oxyledger/network';
import { type HospitalSupply, HospitalSupplyReader } from './hospital-supply.reader';

export const SUPPLY_LEVELS_CHECKPOINT = 'supply-levels';
/** The read models the supply status is computed from, and the streams they follow. */
const SOURCES = [
  { name: 'cylinders', filter: { streamPrefixes: ['cylinder-'] } },
  { name: 'trips', filter: { streamPrefixes: ['trip-'] } },
];
const WAIT_FOR_PROJECTIONS_MS = 30_000;

/** What the supply levels follow: the read models' sources, and the demand streams. */
export const SUPPLY_LEVELS_FILTER = {
  streamPrefixes: [...SOURCES.flatMap((s) => s.filter.streamPrefixes), 'hospital-demand-'],
};

/**
 * Keeps each hospital's supply level current as events arrive: for every hospital a batch of
 * events touches, once the read models have applied that batch, the supply status is computed
 * again; a level that changed is recorded as `SupplyLevelChanged` in the hospital's
 * `hospital-supply-<id>` stream. Waking the planner is not its business: the planner follows
 * those events itself (`PlannerWake`), so nothing here waits on Redis.
 *
 * Run as a projection (`supply-levels`): one owner at a time (advisory lock), retried with
 * back-off after any failure (a database restart included), its lag and last error in
 * `GET /projections`. Crash-safe by repetition: the events (ids derived from hospital and ledger
 * position) are appended before the level table and the checkpoint commit together, so a batch
 * that is replayed does no harm.
 */
export class SupplyLevelsProjection implements Projection {
  readonly name = SUPPLY_LEVELS_CHECKPOINT;
  readonly filter = SUPPLY_LEVELS_FILTER;
  readonly tables = ['supply_levels'] as const;
  private readonly logger = new Logger('SupplyLevels');
  private readonly checked = new WeakMap<RecordedEvent[], HospitalSupply[]>();

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly network: NetworkService,
    private readonly supply: HospitalSupplyReader,
  ) {}

  /**
   * Waits for the read models the status is computed from to apply this batch. On shutdown
   * (`stopping`) those stop first: it stops waiting, so the batch in hand is dropped unrecorded
   * (its checkpoint does not move; the next owner checks it again) instead of holding the
   * process past its grace period.
   */
  async beforeTransaction(events: RecordedEvent[], stopping: AbortSignal): Promise<void> {
    const last = events[events.length - 1];
    await projectionsReached(this.store, this.dataSource, SOURCES, events, {
      timeoutMs: WAIT_FOR_PROJECTIONS_MS,
      onTimeout: 'throw',
      signal: stopping,
    });
    const hospitals = await this.hospitalsTouched(events);
    const statuses = await this.supply.forHospitals(hospitals, new Date());
    // this projection has one owner at a time, so the levels read here are its own
    const known = new Map(
      (
        (await this.dataSource.query(
          'SELECT facility_id, level FROM app.supply_levels WHERE facility_id = ANY($1)',
          [statuses.map((s) => s.facilityId)],
        )) as { facility_id: string; level: SupplyLevel }[]
      ).map((row) => [row.facility_id, row.level]),
    );
    for (const status of statuses.filter((s) => known.get(s.facilityId) !== s.level)) {
      await this.record(status, known.get(status.facilityId) ?? null, last);
    }
    this.checked.set(events, statuses);
  }

  async apply(events: RecordedEvent[], transaction: EntityManager): Promise<void> {
    const statuses = this.checked.get(events) ?? [];
    if (statuses.length === 0) return;
    await transaction.query(
      `INSERT INTO app.supply_levels AS l (facility_id, level, days_of_supply, changed_at, checked_at)
       SELECT r.facility_id, r.level, r.days, now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS r(facility_id text, level text, days float8)
       ON CONFLICT (facility_id) DO UPDATE SET level = EXCLUDED.level,
         days_of_supply = EXCLUDED.days_of_supply, checked_at = now(),
         changed_at = CASE WHEN l.level = EXCLUDED.level THEN l.changed_at ELSE now() END`,
      [
        JSON.stringify(
          statuses.map((s) => ({
            facility_id: s.facilityId,
            level: s.level,
            days: s.daysOfSupply,
          })),
        ),
      ],
    );
  }

  private async record(status: HospitalSupply, from: SupplyLevel | null, cause: RecordedEvent) {
    const event: SupplyLevelChanged = {
      type: 'SupplyLevelChanged',
      version: 1,
      data: {
        facilityId: status.facilityId,
        from,
        to: status.level,
        daysOfSupply: status.daysOfSupply,
        needLitresPerDay: status.needLitresPerDay,
        onHandLitres: status.onHandLitres,
        at: cause.recordedAt.toISOString(),
      },
    };
    try {
      await this.store.appendToStream(
        hospitalSupplyStreamName(status.facilityId),
        [
          {
            id: deterministicId('supply-level', status.facilityId, cause.position),
            type: event.type,
            data: event.data,
            metadata: {
              schemaVersion: event.version,
              causationId: cause.id,
              // the request (or trip) behind the cause: followed into the planner's logs
              correlationId: cause.metadata.correlationId,
            },
          },
        ],
        'any',
      );
      this.logger.log({
        msg: `${status.facilityId}: supply ${from ?? 'unknown'} → ${status.level}`,
        correlationId: cause.metadata.correlationId,
      });
    } catch (error) {
      // recorded by an earlier run of this batch, with the figures of that moment
      if (!(error instanceof EventIdConflictError)) throw error;
    }
  }

  /** Hospitals named by the events, or where the cylinders they moved are now. */
  private async hospitalsTouched(events: RecordedEvent[]) {
    const ids = new Set<string>();
    const serials: string[] = [];
    for (const event of events) {
      const data = event.data as { facilityId?: unknown; serial?: unknown };
      if (typeof data.facilityId === 'string') ids.add(data.facilityId);
      else if (typeof data.serial === 'string') serials.push(data.serial);
    }
    if (serials.length > 0) {
      const rows = (await this.dataSource.query(
        'SELECT DISTINCT facility_id FROM app.cylinder_states WHERE serial = ANY($1) AND facility_id IS NOT NULL',
        [serials],
      )) as { facility_id: string }[];
      for (const row of rows) ids.add(row.facility_id);
    }
    const facilities = await Promise.all([...ids].map((id) => this.network.findFacility(id)));
    return facilities.filter((facility) => facility?.kind === 'hospital').map((f) => f!);
  }
}

/** Runs the supply levels projection in this process (standing by while another owns it). */
@Injectable()
export class SupplyLevelWatcher implements OnApplicationShutdown {
  private worker?: ProjectionWorker;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly network: NetworkService,
    private readonly supply: HospitalSupplyReader,
  ) {}

  async start(): Promise<void> {
    const logger = new Logger('SupplyLevels');
    this.worker ??= new ProjectionWorker(
      this.store,
      this.dataSource,
      new SupplyLevelsProjection(this.store, this.dataSource, this.network, this.supply),
      { databaseUrl: this.config.databaseUrl, log: (message) => logger.log(message) },
    );
    this.worker.start();
  }

  /** Resolves once every event up to `position` has been checked. */
  async caughtUpTo(position: Position, timeoutMs = 30_000): Promise<void> {
    if (!this.worker) throw new Error('The supply level watcher is not started');
    const runner = await this.worker.running(timeoutMs);
    await runner.caughtUpTo(position, timeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }
}
