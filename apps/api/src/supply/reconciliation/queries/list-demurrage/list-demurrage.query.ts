/** Cylinders held at hospitals past the free period, per supplier and hospital. */
export class ListDemurrageQuery {
  constructor(
    readonly freeDays: number,
    readonly filter: { ownerId?: string; facilityId?: string },
    readonly now: Date,
  ) {}
}
