import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  clinicalNeedLitresPerDay,
  type HospitalDemand,
  OXYGEN_NEED_DEFAULTS,
} from '@oxyledger/domain';
import { LedgerStore, loadHospitalDemand } from '@oxyledger/ledger';
import { NetworkService } from '@oxyledger/network';
import { GetHospitalDemandQuery } from './get-hospital-demand.query';

export interface HospitalDemandView extends HospitalDemand {
  facilityId: string;
  /** From the beds and the latest census (WHO planning figures); `null` before beds are set. */
  clinicalNeedLitresPerDay: number | null;
}

/** The demand profile straight from the hospital's stream, with the clinical estimate. */
@QueryHandler(GetHospitalDemandQuery)
export class GetHospitalDemandHandler implements IQueryHandler<GetHospitalDemandQuery> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async execute({ facilityId }: GetHospitalDemandQuery): Promise<HospitalDemandView> {
    await this.network.getFacility(facilityId);
    const { state } = await loadHospitalDemand(this.ledger, facilityId);
    return {
      facilityId,
      ...state,
      clinicalNeedLitresPerDay: state.beds
        ? clinicalNeedLitresPerDay(
            state.beds,
            state.census ?? { severe: 0, critical: 0 },
            OXYGEN_NEED_DEFAULTS,
          )
        : null,
    };
  }
}
