import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SUPPLY_LEVELS } from '@oxyledger/domain';
import { DEFAULT_PAGE_SIZE, NetworkService } from '@oxyledger/network';
import { type HospitalSupply, HospitalSupplyReader } from '@oxyledger/supply';
import { ListHospitalSupplyQuery } from './list-hospital-supply.query';

/** Hospitals most at risk first: by level (out, critical, low, ok), then days of supply. */
@QueryHandler(ListHospitalSupplyQuery)
export class ListHospitalSupplyHandler implements IQueryHandler<ListHospitalSupplyQuery> {
  constructor(
    private readonly network: NetworkService,
    private readonly supply: HospitalSupplyReader,
  ) {}

  async execute({ filter, onlyFacilityId, now }: ListHospitalSupplyQuery) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? DEFAULT_PAGE_SIZE;
    const hospitals = (
      await this.network.allFacilities({
        kind: 'hospital',
        active: true,
        governorate: filter.governorate,
      })
    ).filter((hospital) => onlyFacilityId === undefined || hospital.id === onlyFacilityId);
    const statuses = (await this.supply.stored(hospitals, now))
      .filter((status) => filter.level === undefined || status.level === filter.level)
      .sort(byRisk);
    return {
      page,
      pageSize,
      total: statuses.length,
      items: statuses.slice((page - 1) * pageSize, page * pageSize),
    };
  }
}

function byRisk(a: HospitalSupply, b: HospitalSupply): number {
  const level = SUPPLY_LEVELS.indexOf(b.level) - SUPPLY_LEVELS.indexOf(a.level);
  const days = (a.daysOfSupply ?? Infinity) - (b.daysOfSupply ?? Infinity);
  return level || (Number.isNaN(days) ? 0 : days) || a.facilityId.localeCompare(b.facilityId);
}
