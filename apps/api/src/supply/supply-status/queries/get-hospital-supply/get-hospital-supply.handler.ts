import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NetworkService } from '@oxyledger/network';
import { type HospitalSupply, HospitalSupplyReader } from '@oxyledger/supply';
import { GetHospitalSupplyQuery } from './get-hospital-supply.query';

/** Need per day, oxygen on hand, days of supply, level and what to send, for one hospital. */
@QueryHandler(GetHospitalSupplyQuery)
export class GetHospitalSupplyHandler implements IQueryHandler<GetHospitalSupplyQuery> {
  constructor(
    private readonly network: NetworkService,
    private readonly supply: HospitalSupplyReader,
  ) {}

  async execute({ facilityId, now }: GetHospitalSupplyQuery): Promise<HospitalSupply> {
    const facility = await this.network.getFacilityOfKind(facilityId, 'hospital');
    const [supply] = await this.supply.stored([facility], now);
    return supply;
  }
}
