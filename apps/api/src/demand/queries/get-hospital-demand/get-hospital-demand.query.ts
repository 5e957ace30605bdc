export class GetHospitalDemandQuery {
  constructor(readonly facilityId: string) {}
}
