import type { HospitalSupplyQuery } from '../../supply-status.dto';

export class ListHospitalSupplyQuery {
  constructor(
    readonly filter: HospitalSupplyQuery,
    /** A hospital user sees their own hospital only. */
    readonly onlyFacilityId: string | undefined,
    readonly now: Date,
  ) {}
}
