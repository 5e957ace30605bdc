import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  blendedNeed,
  clinicalNeedLitresPerDay,
  distanceKm,
  leadTimeDays,
  type OxygenNeed,
  OXYGEN_NEED_DEFAULTS,
  type SizeHolding,
  STANDARD_CYLINDER_CONFIG,
  SUPPLY_POLICY_DEFAULTS,
  supplyStatus,
  type SupplyStatus,
} from '@oxyledger/domain';
import {
  hospitalDemandsOf,
  isOpenTripSql,
  openPlannedTrips,
  type TripRecord,
} from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { LedgerStore, loadHospitalDemand } from '@oxyledger/ledger';
import type { Facility } from '@oxyledger/network';

export interface HospitalSupply extends SupplyStatus {
  facilityId: string;
  name: string;
  governorate: string;
  need: OxygenNeed & { historyDays: number };
  nearestProducer: { facilityId: string; distanceKm: number } | null;
  emptiesAwaitingCollection: number;
  /** When this status was computed: a stored one is as old as its last recomputation. */
  computedAt: string;
}

const DAY_MS = 86_400_000;
/** Days of consumption looked at; older days weigh little after exponential smoothing. */
const HISTORY_DAYS = 90;

/** The projections whose tables the statuses are computed from (see `sourcesVersion`). */
const SOURCE_PROJECTIONS = ['cylinders', 'trips', 'route-plans', 'stream-states'];
/** How long computed statuses serve while none of their sources moved: the clock moves too. */
const REUSE_FOR_MS = 60_000;
const REUSED_LISTS = 8;

/** The same hospitals, in any order and as long as none was edited, give the same key. */
function listKey(hospitals: readonly Facility[]): string {
  const sorted = [...hospitals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const fields = sorted.map((h) => `${h.name}:${h.governorate}:${h.latitude}:${h.longitude}`);
  const hash = createHash('sha1').update(fields.join('|')).digest('base64');
  return `${sorted.map((h) => h.id).join(',')}#${hash}`;
}

/**
 * A hospital's supply status, computed from the read models (stock, daily consumption, trips on
 * their way) and the hospital's demand, with the domain's `blendedNeed` and `supplyStatus`, so
 * it is as fresh as the projector.
 *
 * Computing it for a country's 300 hospitals costs a few hundred milliseconds, and the lists and
 * the rollup ask for all of them on every request. Those (`demandFrom: 'read-model'`) reuse the
 * statuses computed for the same hospitals while no source projection's checkpoint and no plant
 * moved, for at most a minute: one small query instead of the whole computation.
 */
@Injectable()
export class HospitalSupplyReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerStore,
  ) {}

  private readonly recent = new Map<string, { at: number; statuses: HospitalSupply[] }>();

  /**
   * `demandFrom: 'read-model'` (lists, the rollup) reads beds and census from the
   * `hospital_demand` read model in one query; `'ledger'` (the default: the supply level watcher,
   * which must see the census it is reacting to) reads each hospital's demand stream.
   */
  async forHospitals(
    hospitals: readonly Facility[],
    now: Date,
    options: { demandFrom?: 'ledger' | 'read-model' } = {},
  ): Promise<HospitalSupply[]> {
    if (hospitals.length === 0) return [];
    if (options.demandFrom !== 'read-model') return this.compute(hospitals, now, options);
    const key = `${await this.sourcesVersion()}|${listKey(hospitals)}`;
    const reused = this.recent.get(key);
    if (reused && Math.abs(now.getTime() - reused.at) < REUSE_FOR_MS) {
      const byId = new Map(reused.statuses.map((status) => [status.facilityId, status]));
      return hospitals.map((hospital) => byId.get(hospital.id)!);
    }
    const statuses = await this.compute(hospitals, now, options);
    this.recent.delete(key);
    this.recent.set(key, { at: now.getTime(), statuses });
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= REUSED_LISTS) break;
      this.recent.delete(oldest);
    }
    return [...statuses];
  }

  /**
   * The statuses the supply level watcher stored (`supply_levels.status`): recomputed for every
   * hospital a batch of events touches, and for all of them every `SUPPLY_REFRESH_SECONDS`. A
   * hospital without a stored status yet (added since the last refresh, or no watcher running)
   * is computed here from the read models. Names and governorates are the network's current ones.
   */
  async stored(hospitals: readonly Facility[], now: Date): Promise<HospitalSupply[]> {
    if (hospitals.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT facility_id, status FROM app.supply_levels
       WHERE facility_id = ANY($1) AND status IS NOT NULL`,
      [hospitals.map((hospital) => hospital.id)],
    )) as { facility_id: string; status: HospitalSupply }[];
    const stored = new Map(rows.map((row) => [row.facility_id, row.status]));
    const missing = hospitals.filter((hospital) => !stored.has(hospital.id));
    for (const status of await this.forHospitals(missing, now, { demandFrom: 'read-model' })) {
      stored.set(status.facilityId, status);
    }
    return hospitals.map((hospital) => ({
      ...stored.get(hospital.id)!,
      name: hospital.name,
      governorate: hospital.governorate,
    }));
  }

  /** Changes whenever a table the statuses are read from may have changed. */
  private async sourcesVersion(): Promise<string> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT string_agg(name || '@' || coalesce(position, ''), ',' ORDER BY name)
               FROM app.projection_checkpoints WHERE name = ANY($1)) AS checkpoints,
              (SELECT count(*) || '@' || coalesce(max(updated_at)::text, '')
               FROM app.facilities WHERE kind = 'producer') AS plants`,
      [SOURCE_PROJECTIONS],
    )) as { checkpoints: string | null; plants: string }[];
    return `${row.checkpoints ?? ''}|${row.plants}`;
  }

  private async compute(
    hospitals: readonly Facility[],
    now: Date,
    options: { demandFrom?: 'ledger' | 'read-model' },
  ): Promise<HospitalSupply[]> {
    const ids = hospitals.map((hospital) => hospital.id);
    const [stock, consumption, inbound, producers, demands] = await Promise.all([
      this.stockOf(ids),
      this.consumptionOf(ids, now),
      this.inboundTo(ids),
      this.dataSource.query(
        `SELECT id, latitude, longitude FROM app.facilities WHERE kind = 'producer' AND active`,
      ) as Promise<{ id: string; latitude: number; longitude: number }[]>,
      options.demandFrom === 'read-model' ? hospitalDemandsOf(this.dataSource, ids) : undefined,
    ]);
    return Promise.all(
      hospitals.map(async (hospital) => {
        const demand =
          demands?.get(hospital.id) ?? (await loadHospitalDemand(this.ledger, hospital.id)).state;
        const clinical = demand.beds
          ? clinicalNeedLitresPerDay(
              demand.beds,
              demand.census ?? { severe: 0, critical: 0 },
              OXYGEN_NEED_DEFAULTS,
            )
          : 0;
        const used = consumption.get(hospital.id);
        const need = blendedNeed(clinical, used?.daily ?? [], OXYGEN_NEED_DEFAULTS, {
          censusAt: demand.census?.at ?? null,
          now: now.toISOString(),
        });
        const nearest = nearestOf(hospital, producers);
        const lead = leadTimeDays(nearest?.distanceKm ?? 0, SUPPLY_POLICY_DEFAULTS);
        const held = stock.get(hospital.id) ?? new Map();
        const holdings = holdingsOf(held, inbound.get(hospital.id), used?.bySize);
        return {
          facilityId: hospital.id,
          name: hospital.name,
          governorate: hospital.governorate,
          ...supplyStatus(need.litresPerDay, holdings, lead, SUPPLY_POLICY_DEFAULTS),
          need: { ...need, historyDays: used?.daily.length ?? 0 },
          nearestProducer: nearest,
          emptiesAwaitingCollection: [...held.values()].reduce((sum, s) => sum + s.EMPTY, 0),
          computedAt: now.toISOString(),
        };
      }),
    );
  }

  private async stockOf(ids: string[]) {
    const rows = (await this.dataSource.query(
      `SELECT location_id, size_code, status, sum(count)::int AS count FROM app.stock
       WHERE location_kind = 'facility' AND location_id = ANY($1)
         AND status IN ('FULL', 'IN_USE', 'EMPTY')
       GROUP BY location_id, size_code, status`,
      [ids],
    )) as { location_id: string; size_code: string; status: Held; count: number }[];
    const byHospital = new Map<string, Map<string, Record<Held, number>>>();
    for (const row of rows) {
      const sizes = byHospital.get(row.location_id) ?? new Map<string, Record<Held, number>>();
      const size = sizes.get(row.size_code) ?? { FULL: 0, IN_USE: 0, EMPTY: 0 };
      size[row.status] += row.count;
      sizes.set(row.size_code, size);
      byHospital.set(row.location_id, sizes);
    }
    return byHospital;
  }

  /** Litres emptied per day, every day from the first recorded one to today, and per size. */
  private async consumptionOf(ids: string[], now: Date) {
    const since = new Date(now.getTime() - HISTORY_DAYS * DAY_MS).toISOString().slice(0, 10);
    const rows = (await this.dataSource.query(
      `SELECT facility_id, day::text AS day, size_code, oxygen_litres::float8 AS litres
       FROM app.daily_consumption WHERE facility_id = ANY($1) AND day >= $2::date
       ORDER BY day`,
      [ids, since],
    )) as { facility_id: string; day: string; size_code: string; litres: number }[];
    const today = Date.parse(now.toISOString().slice(0, 10));
    const result = new Map<string, { daily: number[]; bySize: Map<string, number> }>();
    const byHospital = new Map<string, typeof rows>();
    for (const row of rows) {
      const mine = byHospital.get(row.facility_id) ?? [];
      mine.push(row);
      byHospital.set(row.facility_id, mine);
    }
    for (const id of ids) {
      const mine = byHospital.get(id);
      if (!mine) continue;
      const first = Date.parse(mine[0].day);
      const daily = Array.from({ length: Math.floor((today - first) / DAY_MS) + 1 }, () => 0);
      const bySize = new Map<string, number>();
      for (const row of mine) {
        daily[Math.floor((Date.parse(row.day) - first) / DAY_MS)] += row.litres;
        bySize.set(row.size_code, (bySize.get(row.size_code) ?? 0) + row.litres);
      }
      result.set(id, { daily, bySize });
    }
    return result;
  }

  /**
   * Full cylinders on their way to each hospital. A trip of an approved plan brings what its
   * route plans for each stop it has yet to serve, loaded or not (so a plan proposed after an
   * approval sees that oxygen as coming). Any other open trip: the full cylinders on its truck,
   * counted wholly for each stop it has yet to make (an upper bound).
   */
  private async inboundTo(ids: string[]) {
    const [rows, planned] = await Promise.all([
      this.dataSource.query(
        `SELECT record FROM app.trips WHERE ${isOpenTripSql()} AND stop_facility_ids && $1::text[]`,
        [ids],
      ) as Promise<{ record: TripRecord }[]>,
      openPlannedTrips(this.dataSource),
    ]);
    const inbound = new Map<string, Map<string, number>>();
    const add = (facilityId: string, sizeCode: string, n: number) => {
      const sizes = inbound.get(facilityId) ?? new Map<string, number>();
      sizes.set(sizeCode, (sizes.get(sizeCode) ?? 0) + n);
      inbound.set(facilityId, sizes);
    };
    for (const trip of planned) {
      for (const stop of trip.stopsToServe.filter((s) => ids.includes(s.facilityId))) {
        for (const [code, n] of Object.entries(stop.deliver)) add(stop.facilityId, code, n);
      }
    }
    const fromPlans = new Set(planned.map((trip) => trip.tripId));
    for (const { record } of rows) {
      if (record.state.status === 'NOT_CREATED' || fromPlans.has(record.tripId)) continue;
      const full = record.state.onBoard.filter((cylinder) => cylinder.load === 'full');
      for (const stop of record.stops.filter((s) => !s.completed && ids.includes(s.facilityId))) {
        for (const cylinder of full) add(stop.facilityId, cylinder.sizeCode, 1);
      }
    }
    return inbound;
  }
}

type Held = 'FULL' | 'IN_USE' | 'EMPTY';

/**
 * One holding per size the hospital holds, has on its way, or has used. Each size's share of
 * use: its share of what was emptied; without history, of the oxygen held; holding nothing,
 * the largest size of the catalog takes all.
 */
function holdingsOf(
  held: Map<string, Record<Held, number>>,
  inbound: Map<string, number> | undefined,
  usedBySize: Map<string, number> | undefined,
): SizeHolding[] {
  const sizes = STANDARD_CYLINDER_CONFIG.sizes;
  const codes = new Set([
    ...held.keys(),
    ...(inbound?.keys() ?? []),
    ...(usedBySize?.keys() ?? []),
  ]);
  const known = [...codes].filter((code) => sizes.has(code));
  if (known.length === 0) {
    const largest = sizes.list().sort((a, b) => b.oxygenLitres - a.oxygenLitres)[0];
    known.push(largest.code);
  }
  const litres = (code: string) => sizes.oxygenLitres(code);
  const heldLitres = (code: string) =>
    ((held.get(code)?.FULL ?? 0) + (held.get(code)?.IN_USE ?? 0)) * litres(code);
  const totalUsed = known.reduce((sum, code) => sum + (usedBySize?.get(code) ?? 0), 0);
  const totalHeld = known.reduce((sum, code) => sum + heldLitres(code), 0);
  return known.map((code) => ({
    sizeCode: code,
    litresPerCylinder: litres(code),
    full: held.get(code)?.FULL ?? 0,
    inUse: held.get(code)?.IN_USE ?? 0,
    inbound: inbound?.get(code) ?? 0,
    useShare:
      totalUsed > 0
        ? (usedBySize?.get(code) ?? 0) / totalUsed
        : totalHeld > 0
          ? heldLitres(code) / totalHeld
          : 1 / known.length,
  }));
}

function nearestOf(
  hospital: Facility,
  producers: { id: string; latitude: number; longitude: number }[],
): HospitalSupply['nearestProducer'] {
  let nearest: HospitalSupply['nearestProducer'] = null;
  for (const producer of producers) {
    const km = distanceKm(hospital, producer);
    if (!nearest || km < nearest.distanceKm) nearest = { facilityId: producer.id, distanceKm: km };
  }
  return nearest && { ...nearest, distanceKm: Math.round(nearest.distanceKm * 10) / 10 };
}
