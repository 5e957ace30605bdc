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
    // computed, not stored: staff who just reported a census must see the need it implies,
    // and one hospital costs a few small queries
    const [supply] = await this.supply.forHospitals([facility], now);
    return supply;
  }
}
