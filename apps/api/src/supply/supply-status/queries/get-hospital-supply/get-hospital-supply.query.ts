export class GetHospitalSupplyQuery {
  constructor(
    readonly facilityId: string,
    readonly now: Date,
  ) {}
}
