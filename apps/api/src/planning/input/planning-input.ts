import type { SupplyLevel } from '@oxyledger/domain';
import type { Facility, Vehicle } from '../../network/network.types';

/** Cylinders per size code. */
export type BySize = Record<string, number>;

export interface HospitalNeed {
  facility: Facility;
  level: SupplyLevel;
  daysOfSupply: number | null;
  /** Full cylinders to send per size, to bring the hospital up to its target level. */
  deliver: BySize;
  /** Empty cylinders waiting at the hospital, per size. */
  collect: BySize;
}

export interface ProducerSupply {
  facility: Facility;
  /** Full cylinders in stock, per size. */
  full: BySize;
  /** Empty cylinders at the plant, per size: what it can fill. */
  empty: BySize;
  /**
   * Cylinders per hour its filling line manages, per size, if it filled only that size (from
   * its daily fill capacity over its operating hours; none when the plant is down).
   */
  fillPerHour: BySize;
}

/** Everything a planning run decides from, read at one moment from the read models. */
export interface PlanningInput {
  region: string;
  now: Date;
  sizes: string[];
  hospitals: HospitalNeed[];
  producers: ProducerSupply[];
  /** Active vehicles based at a producer of the region and not out on a trip. */
  vehicles: Vehicle[];
  /** Active drivers per supplier. */
  driversBySupplier: Map<string, string[]>;
}
