/**
 * The network's master data: the places cylinders are filled, stored and used, and the vehicles
 * that carry them. Plain values; the TypeORM entities and HTTP DTOs map to and from these.
 */

export const FACILITY_KINDS = ['producer', 'hospital', 'depot'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** Facilities a vehicle may be based at: where full cylinders are loaded. */
export const VEHICLE_BASE_KINDS: readonly FacilityKind[] = ['producer', 'depot'];

/** Facility kinds that belong to a supplier (the organisation that owns plant and cylinders). */
export const SUPPLIER_OWNED_KINDS: readonly FacilityKind[] = ['producer', 'depot'];

/** The daily window in which a facility accepts deliveries, local time, `HH:MM`, opens < closes. */
export interface ReceivingHours {
  opens: string;
  closes: string;
}

/** Cylinders a vehicle carries per cylinder size code, e.g. `{ J: 60, E: 120 }`. */
export type VehicleCapacity = Record<string, number>;

export interface Facility {
  /** Human-readable slug given by the admin, e.g. `basra-general`. */
  id: string;
  kind: FacilityKind;
  name: string;
  governorate: string;
  latitude: number;
  longitude: number;
  /** `null`: deliveries accepted at any time. */
  receivingHours: ReceivingHours | null;
  /** The owning supplier of a producer or depot; `null` for hospitals. */
  supplierId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface Vehicle {
  id: string;
  registrationPlate: string;
  /** The producer or depot it is based at, where it loads full cylinders. */
  depotFacilityId: string;
  capacity: VehicleCapacity;
  supplierId: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type NewFacility = Omit<
  Facility,
  'createdAt' | 'updatedAt' | 'active' | 'receivingHours' | 'supplierId'
> & {
  receivingHours?: ReceivingHours | null;
  supplierId?: string | null;
  active?: boolean;
};

export type FacilityChanges = Partial<Omit<NewFacility, 'id'>>;

export type NewVehicle = Omit<Vehicle, 'createdAt' | 'updatedAt' | 'active'> & { active?: boolean };

export type VehicleChanges = Partial<Omit<NewVehicle, 'id'>>;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface PageRequest {
  /** 1-based; default 1. */
  page?: number;
  /** Default 50, at most 200. */
  pageSize?: number;
}

export interface FacilityFilter extends PageRequest {
  kind?: FacilityKind;
  governorate?: string;
  supplierId?: string;
  active?: boolean;
}

export interface VehicleFilter extends PageRequest {
  depotFacilityId?: string;
  supplierId?: string;
  active?: boolean;
}
