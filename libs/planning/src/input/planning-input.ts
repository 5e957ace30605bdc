import type { SupplyLevel } from '@oxyledger/domain';

/** The daily window in which a facility accepts deliveries, local time, `HH:MM`, opens < closes. */
export interface ReceivingHours {
  opens: string;
  closes: string;
}

/** A plant or hospital as planning needs it (the network's facilities have this shape). */
export interface Facility {
  id: string;
  kind: string;
  name: string;
  governorate: string;
  latitude: number;
  longitude: number;
  /** `null`: deliveries accepted at any time. */
  receivingHours: ReceivingHours | null;
  /** The supplier owning a plant; `null` for hospitals. */
  supplierId: string | null;
}

/** A truck as planning needs it: where it is based, what it carries per size, whose it is. */
export interface Vehicle {
  id: string;
  depotFacilityId: string;
  capacity: Record<string, number>;
  supplierId: string;
}

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
  /** The hospital has an open urgent-supply help request: it is served first. */
  urgentSupplyRequested?: boolean;
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
  /** Active drivers per supplier, not out on a trip. */
  driversBySupplier: Map<string, string[]>;
  /** A driver's home plant, when known: they drive only that plant's trucks. */
  driverHomes?: Map<string, string>;
}
