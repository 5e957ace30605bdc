import { Load } from '../cylinder/cylinder.state';
import { FacilityRef } from '../facility/facility';
import { IsoInstant } from '../shared/time';

/**
 * PLANNED (created) → LOADING (cylinders loaded at the origin) → IN_PROGRESS (a stop served) →
 * COMPLETED; or CANCELLED before anything was loaded, or ABORTED after (what was on board
 * unloaded back at a plant or declared missing).
 */
export const TRIP_STATUSES = [
  'PLANNED',
  'LOADING',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'ABORTED',
] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

/** A cylinder and its size, as a trip needs it for capacity. */
export interface TripCylinder {
  serial: string;
  sizeCode: string;
}

export interface OnBoardCylinder extends TripCylinder {
  load: Load;
}

export interface TripStop {
  facility: FacilityRef;
  completed: boolean;
}

export interface Trip {
  status: TripStatus;
  tripId: string;
  origin: FacilityRef;
  /** The supplier whose plant, truck and driver run it; `null` on trips recorded before it was. */
  supplierId: string | null;
  vehicleId: string;
  /** Cylinders per size the vehicle carries; `null` when not known (no capacity check). */
  capacityBySize: Record<string, number> | null;
  driverId: string;
  plannedAt: IsoInstant;
  /** In planned order. Stops may be served in any order, each once. */
  stops: TripStop[];
  /** What is on the truck now, in the order it came on board. */
  onBoard: OnBoardCylinder[];
  /** Cylinders declared missing when the trip was completed. */
  missingSerials: string[];
}

export interface UncreatedTrip {
  status: 'NOT_CREATED';
}

export type TripState = UncreatedTrip | Trip;

export function initialTripState(): TripState {
  return { status: 'NOT_CREATED' };
}

/** Cylinders on board per size code. */
export function onBoardBySize(onBoard: readonly TripCylinder[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const cylinder of onBoard)
    counts.set(cylinder.sizeCode, (counts.get(cylinder.sizeCode) ?? 0) + 1);
  return counts;
}

/** Completed, cancelled or aborted: it takes no more commands and holds no vehicle. */
export function isTripClosed(trip: Trip): boolean {
  return trip.status === 'COMPLETED' || trip.status === 'CANCELLED' || trip.status === 'ABORTED';
}

export function findOnBoard(trip: Trip, serial: string): OnBoardCylinder | undefined {
  return trip.onBoard.find((cylinder) => cylinder.serial === serial);
}

/** The state in words, for error messages: e.g. `LOADING with 12 cylinders on board`. */
export function describeTripState(state: TripState): string {
  if (state.status === 'NOT_CREATED') return 'not created';
  const count = state.onBoard.length;
  return `${state.status} with ${count} cylinder${count === 1 ? '' : 's'} on board`;
}
