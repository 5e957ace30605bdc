import { DeliveryReceiptsProjection } from './delivery-receipts/delivery-receipts.projection';
import { CylindersProjection } from './cylinders/cylinders.projection';
import { HelpRequestsProjection } from './help-requests/help-requests.projection';
import type { Projection } from './projection';
import { RoutePlansProjection } from './route-plans/route-plans.projection';
import { streamStatesProjection } from './stream-states/stream-state.models';
import { TripsProjection } from './trips/trips.projection';

/** Every read model the platform keeps; each runs from its own checkpoint. */
export const PROJECTIONS: (() => Projection)[] = [
  () => new CylindersProjection(),
  () => new TripsProjection(),
  () => new RoutePlansProjection(),
  () => new DeliveryReceiptsProjection(),
  () => new HelpRequestsProjection(),
  streamStatesProjection,
];

export function projectionNamed(name: string): Projection | undefined {
  return PROJECTIONS.map((create) => create()).find((projection) => projection.name === name);
}
