import { Injectable } from '@nestjs/common';
import { dailyFillCapacity, STANDARD_CYLINDER_CONFIG } from '@oxyledger/domain';
import {
  committedAtPlants,
  hospitalsAskingForUrgentSupply,
  isOpenTripSql,
  openPlannedTrips,
} from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { LedgerStore, loadPlant } from '@oxyledger/ledger';
import { NetworkService } from '@oxyledger/network';
import { HospitalSupplyReader } from '@oxyledger/supply';
import { type BySize, type PlanningInput } from '@oxyledger/planning';
import { NATIONAL_REGION } from '../queue/planning-queue';

/**
 * Reads what a planning run needs from the read models: hospitals at or below their reorder
 * point with what they need per size, the empties waiting there, producers' full stock, the
 * vehicles free to go out, and the drivers.
 */
@Injectable()
export class PlanningInputReader {
  constructor(
    private readonly network: NetworkService,
    private readonly supply: HospitalSupplyReader,
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerStore,
  ) {}

  async read(region: string, now: Date): Promise<PlanningInput> {
    const governorate = region === NATIONAL_REGION ? undefined : region;
    const [hospitals, producers] = await Promise.all([
      this.network.allFacilities({ kind: 'hospital', active: true, governorate }),
      this.network.allFacilities({ kind: 'producer', active: true }),
    ]);
    const statuses = await this.supply.forHospitals(hospitals, now);
    const needing = statuses.filter((status) =>
      status.bySize.some((size) => size.toSendCylinders > 0),
    );
    const producerIds = producers.map((producer) => producer.id);
    const urgent = await hospitalsAskingForUrgentSupply(
      this.dataSource,
      needing.map((status) => status.facilityId),
    );
    const [empties, full, emptyAtPlants, fillRates, vehicles, drivers, planned] = await Promise.all(
      [
        this.stockBySize(
          needing.map((status) => status.facilityId),
          'EMPTY',
        ),
        this.stockBySize(producerIds, 'FULL'),
        this.stockBySize(producerIds, 'EMPTY'),
        Promise.all(producerIds.map((id) => this.fillPerHour(id))),
        this.freeVehicles(producerIds),
        this.drivers(),
        openPlannedTrips(this.dataSource),
      ],
    );
    const committed = committedAtPlants(planned);
    const byId = new Map(hospitals.map((hospital) => [hospital.id, hospital]));
    const sizes = new Set<string>();
    const needs = needing.map((status) => {
      const deliver: BySize = {};
      for (const size of status.bySize) {
        if (size.toSendCylinders > 0) deliver[size.sizeCode] = size.toSendCylinders;
      }
      const collect = empties.get(status.facilityId) ?? {};
      Object.keys({ ...deliver, ...collect }).forEach((code) => sizes.add(code));
      return {
        facility: byId.get(status.facilityId)!,
        level: status.level,
        daysOfSupply: status.daysOfSupply,
        deliver,
        collect,
        ...(urgent.has(status.facilityId) ? { urgentSupplyRequested: true } : {}),
      };
    });
    for (const vehicle of vehicles)
      Object.keys(vehicle.capacity).forEach((code) => sizes.add(code));
    return {
      region,
      now,
      sizes: [...sizes].sort(),
      hospitals: needs,
      producers: producers.map((facility, k) => ({
        facility,
        full: withoutCommitted(full.get(facility.id) ?? {}, committed.get(facility.id) ?? {}),
        empty: emptyAtPlants.get(facility.id) ?? {},
        fillPerHour: fillRates[k],
      })),
      vehicles,
      driversBySupplier: drivers.bySupplier,
      driverHomes: drivers.homes,
    };
  }

  /** What the plant's filling line fills per hour, per size (nothing when it is down). */
  private async fillPerHour(producerId: string): Promise<BySize> {
    const { state } = await loadPlant(this.ledger, producerId);
    const hours = state.capacity?.hoursPerDay ?? 24;
    return Object.fromEntries(
      dailyFillCapacity(state, STANDARD_CYLINDER_CONFIG.sizes).map((size) => [
        size.sizeCode,
        size.cylindersPerDay / hours,
      ]),
    );
  }

  /** Full cylinders per size held at each of these producers now and not yet spoken for. */
  async producerStock(producerIds: string[]): Promise<Map<string, BySize>> {
    const [full, planned] = await Promise.all([
      this.stockBySize([...new Set(producerIds)], 'FULL'),
      openPlannedTrips(this.dataSource),
    ]);
    const committed = committedAtPlants(planned);
    return new Map(
      [...full].map(([id, held]) => [id, withoutCommitted(held, committed.get(id) ?? {})]),
    );
  }

  private async stockBySize(facilityIds: string[], status: string): Promise<Map<string, BySize>> {
    if (facilityIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT location_id, size_code, sum(count)::int AS count FROM app.stock
        WHERE location_kind = 'facility' AND location_id = ANY($1) AND status = $2
        GROUP BY location_id, size_code`,
      [facilityIds, status],
    )) as { location_id: string; size_code: string; count: number }[];
    const stock = new Map<string, BySize>();
    for (const row of rows) {
      if (row.count <= 0) continue;
      const held = stock.get(row.location_id) ?? {};
      held[row.size_code] = row.count;
      stock.set(row.location_id, held);
    }
    return stock;
  }

  private async freeVehicles(producerIds: string[]) {
    const based = new Set(producerIds);
    const busy = (await this.dataSource.query(
      `SELECT DISTINCT vehicle_id FROM app.trips WHERE ${isOpenTripSql()}`,
    )) as { vehicle_id: string }[];
    const out = new Set(busy.map((row) => row.vehicle_id));
    const vehicles = [];
    for (let page = 1; ; page++) {
      const batch = await this.network.listVehicles({ active: true, page, pageSize: 200 });
      vehicles.push(...batch.items);
      if (page * batch.pageSize >= batch.total) break;
    }
    return vehicles.filter((v) => based.has(v.depotFacilityId) && !out.has(v.id));
  }

  /** Active drivers of each supplier not out on a trip, and the home plant of those with one. */
  private async drivers(): Promise<{
    bySupplier: Map<string, string[]>;
    homes: Map<string, string>;
  }> {
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.supplier_id, u.home_facility_id FROM app.users u
        WHERE u.role = 'driver' AND u.active AND u.supplier_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM app.trips t WHERE t.driver_id = u.id::text AND ${isOpenTripSql('t.status')})
        ORDER BY u.id`,
    )) as { id: string; supplier_id: string; home_facility_id: string | null }[];
    const bySupplier = new Map<string, string[]>();
    const homes = new Map<string, string>();
    for (const row of rows) {
      bySupplier.set(row.supplier_id, [...(bySupplier.get(row.supplier_id) ?? []), row.id]);
      if (row.home_facility_id) homes.set(row.id, row.home_facility_id);
    }
    return { bySupplier, homes };
  }
}

/** Full stock less what approved trips will load: that oxygen is already on its way somewhere. */
function withoutCommitted(full: BySize, committed: BySize): BySize {
  const free: BySize = {};
  for (const [code, n] of Object.entries(full)) {
    const left = n - (committed[code] ?? 0);
    if (left > 0) free[code] = left;
  }
  return free;
}
