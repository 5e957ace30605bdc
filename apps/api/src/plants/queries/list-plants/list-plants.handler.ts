import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { plantStatesOf } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { NetworkService, type Facility } from '@oxyledger/network';
import { type PlantView, plantView } from '../../plant-view';
import { ListPlantsQuery } from './list-plants.query';

/** A lot with fills that failed QC, on the plant page. */
export interface LotQcFailures {
  lot: string;
  passed: number;
  qcFailures: number;
  lastFilledAt: string;
}

/** How far back the plant page lists lots with QC failures. */
const QC_FAILURE_DAYS = 30;

/**
 * Plants from the `plant_states` read model: the ones down first, then degraded, then running; each with the
 * lots of the last 30 days that had QC failures (from `lot_fills`).
 */
@QueryHandler(ListPlantsQuery)
export class ListPlantsHandler implements IQueryHandler<ListPlantsQuery> {
  constructor(
    private readonly network: NetworkService,
    private readonly dataSource: DataSource,
  ) {}

  async execute({
    facilityId,
  }: ListPlantsQuery): Promise<{ items: (PlantView & { qcFailuresByLot: LotQcFailures[] })[] }> {
    const plants: Facility[] = [];
    if (facilityId !== undefined) {
      plants.push(await this.network.getFacilityOfKind(facilityId, 'producer'));
    } else {
      plants.push(...(await this.network.allFacilities({ kind: 'producer' })));
    }
    const failures = await this.qcFailures(plants.map((plant) => plant.id));
    const states = await plantStatesOf(
      this.dataSource,
      plants.map((plant) => plant.id),
    );
    const views = plants.map((plant) => ({
      ...plantView(plant, states.get(plant.id)!),
      qcFailuresByLot: failures.get(plant.id) ?? [],
    }));
    const order = { down: 0, degraded: 1, running: 2 };
    views.sort(
      (a, b) => order[a.status] - order[b.status] || a.facilityId.localeCompare(b.facilityId),
    );
    return { items: views };
  }

  private async qcFailures(plantIds: string[]): Promise<Map<string, LotQcFailures[]>> {
    // the few lots with a failure first (a partial index), then only their fills are counted
    const rows = (await this.dataSource.query(
      `WITH failed AS (
         SELECT DISTINCT plant_id, lot FROM app.lot_fills
         WHERE NOT qc_passed AND plant_id = ANY($1) AND filled_at > now() - make_interval(days => $2))
       SELECT f.plant_id, f.lot, count(*) FILTER (WHERE l.qc_passed)::int AS passed,
              count(*) FILTER (WHERE NOT l.qc_passed)::int AS failed, max(l.filled_at) AS last_at
       FROM failed f
       JOIN app.lot_fills l ON l.lot = f.lot AND l.plant_id = f.plant_id
         AND l.filled_at > now() - make_interval(days => $2)
       GROUP BY f.plant_id, f.lot
       ORDER BY max(l.filled_at) DESC`,
      [plantIds, QC_FAILURE_DAYS],
    )) as { plant_id: string; lot: string; passed: number; failed: number; last_at: Date }[];
    const byPlant = new Map<string, LotQcFailures[]>();
    for (const row of rows) {
      const lots = byPlant.get(row.plant_id) ?? [];
      lots.push({
        lot: row.lot,
        passed: row.passed,
        qcFailures: row.failed,
        lastFilledAt: row.last_at.toISOString(),
      });
      byPlant.set(row.plant_id, lots);
    }
    return byPlant;
  }
}
