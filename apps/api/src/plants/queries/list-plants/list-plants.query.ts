/** Every producer plant with its status and capacity; or one plant. */
export class ListPlantsQuery {
  constructor(readonly facilityId?: string) {}
}
