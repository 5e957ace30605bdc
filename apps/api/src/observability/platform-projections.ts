import { PROJECTIONS, type Projection } from '@oxyledger/read-models';
import { PLANNER_WAKE } from '@oxyledger/planner';
import { SUPPLY_LEVELS_CHECKPOINT, SUPPLY_LEVELS_FILTER } from '@oxyledger/supply';

/** The read models' projections and the followers that run as projections: their lag counts. */
export function platformProjections(): Projection[] {
  const followers = [
    { name: SUPPLY_LEVELS_CHECKPOINT, filter: SUPPLY_LEVELS_FILTER },
    { name: PLANNER_WAKE, filter: { streamPrefixes: ['hospital-supply-'] } },
  ].map((follower) => ({ ...follower, tables: [], apply: async () => undefined }));
  return [...PROJECTIONS.map((create) => create()), ...followers];
}
