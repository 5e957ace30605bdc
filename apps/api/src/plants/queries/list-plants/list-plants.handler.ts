import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LedgerStore } from '../../../ledger/ledger-store';
import { NetworkService } from '../../../network/network.service';
import type { Facility } from '../../../network/network.types';
import { loadPlant } from '../../plant.loader';
import { type PlantView, plantView } from '../../plant-view';
import { ListPlantsQuery } from './list-plants.query';

/** Plants from their streams: the ones down first, then degraded, then running. */
@QueryHandler(ListPlantsQuery)
export class ListPlantsHandler implements IQueryHandler<ListPlantsQuery> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async execute({ facilityId }: ListPlantsQuery): Promise<{ items: PlantView[] }> {
    const plants: Facility[] = [];
    if (facilityId !== undefined) {
      plants.push(await this.network.getFacilityOfKind(facilityId, 'producer'));
    } else {
      plants.push(...(await this.network.allFacilities({ kind: 'producer' })));
    }
    const views = await Promise.all(
      plants.map(async (plant) => plantView(plant, (await loadPlant(this.ledger, plant.id)).state)),
    );
    const order = { down: 0, degraded: 1, running: 2 };
    views.sort(
      (a, b) => order[a.status] - order[b.status] || a.facilityId.localeCompare(b.facilityId),
    );
    return { items: views };
  }
}
