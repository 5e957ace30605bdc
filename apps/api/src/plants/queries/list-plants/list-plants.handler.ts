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
    const rows = (await this.dataSource.query(
      `SELECT plant_id, lot, count(*) FILTER (WHERE qc_passed)::int AS passed,
              count(*) FILTER (WHERE NOT qc_passed)::int AS failed, max(filled_at) AS last_at
       FROM app.lot_fills
       WHERE plant_id = ANY($1) AND filled_at > now() - make_interval(days => $2)
       GROUP BY plant_id, lot HAVING count(*) FILTER (WHERE NOT qc_passed) > 0
       ORDER BY max(filled_at) DESC`,
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
