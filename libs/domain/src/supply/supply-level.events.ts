import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';
import { SupplyLevel } from './supply-status';

/** A hospital's supply crossed into another level (ok / low / critical / out). */
export type SupplyLevelChanged = VersionedEvent<
  'SupplyLevelChanged',
  {
    facilityId: string;
    /** `null` the first time the hospital's level is known. */
    from: SupplyLevel | null;
    to: SupplyLevel;
    daysOfSupply: number | null;
    needLitresPerDay: number;
    onHandLitres: number;
    at: IsoInstant;
  }
>;

export const SUPPLY_LEVEL_EVENT_VERSIONS: Readonly<Record<SupplyLevelChanged['type'], number>> = {
  SupplyLevelChanged: 1,
};

export function hospitalSupplyStreamName(facilityId: string): string {
  return `hospital-supply-${facilityId}`;
}

/** Levels that need a refill: entering one of them wakes the planner. */
export function needsRefill(level: SupplyLevel): boolean {
  return level !== 'ok';
}
