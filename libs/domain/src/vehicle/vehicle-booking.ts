import { DomainError } from '../shared/domain-error';
import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';
import { requireId, requireInstant } from '../shared/validation';

/**
 * One open trip per truck. Each vehicle's bookings are a stream of their own, appended in the
 * same atomic append as the trip's creation and closing, so two dispatchers (or a dispatcher and
 * a plan approval) cannot put one truck on two trips, whatever the read models lag.
 */
export const VehicleBookingEventType = {
  Booked: 'VehicleBooked',
  Released: 'VehicleReleased',
} as const;

export type VehicleBooked = VersionedEvent<
  typeof VehicleBookingEventType.Booked,
  { vehicleId: string; tripId: string; at: IsoInstant }
>;

export type VehicleReleased = VersionedEvent<
  typeof VehicleBookingEventType.Released,
  {
    vehicleId: string;
    tripId: string;
    /** How the trip closed. */
    outcome: 'completed' | 'cancelled' | 'aborted';
    at: IsoInstant;
  }
>;

export type VehicleBookingEvent = VehicleBooked | VehicleReleased;

export const VEHICLE_BOOKING_EVENT_VERSIONS: Readonly<Record<VehicleBookingEvent['type'], number>> =
  { VehicleBooked: 1, VehicleReleased: 1 };

export interface VehicleBookingState {
  /** The trip the vehicle is on, until it closes. */
  openTripId: string | null;
}

export function initialVehicleBookingState(): VehicleBookingState {
  return { openTripId: null };
}

export function vehicleBookingStreamName(vehicleId: string): string {
  return `vehicle-booking-${vehicleId}`;
}

export class VehicleAlreadyBooked extends DomainError {
  readonly code = 'vehicle.already-booked';
  readonly kind = 'conflict';

  constructor(vehicleId: string, tripId: string, openTripId: string) {
    super(
      `Vehicle ${vehicleId} cannot take trip ${tripId}: a vehicle has one open trip at a time; ` +
        `it is on trip ${openTripId}`,
      {
        tripId,
        rule: 'a vehicle has one open trip at a time',
        currentState: `on open trip ${openTripId}`,
        vehicleId,
        openTripId,
      },
    );
  }
}

/** `VehicleBooked`, nothing when already booked for this trip, or `VehicleAlreadyBooked`. */
export function bookVehicle(
  state: VehicleBookingState,
  booking: { vehicleId: string; tripId: string; at: IsoInstant },
): VehicleBookingEvent[] {
  const vehicleId = requireId(booking.vehicleId, 'vehicleId');
  const tripId = requireId(booking.tripId, 'tripId');
  const at = requireInstant(booking.at, 'at');
  if (state.openTripId === tripId) return [];
  if (state.openTripId !== null)
    throw new VehicleAlreadyBooked(vehicleId, tripId, state.openTripId);
  return [{ type: VehicleBookingEventType.Booked, version: 1, data: { vehicleId, tripId, at } }];
}

/** `VehicleReleased` when the vehicle is on this trip; nothing otherwise (e.g. a legacy trip). */
export function releaseVehicle(
  state: VehicleBookingState,
  release: VehicleReleased['data'],
): VehicleBookingEvent[] {
  if (state.openTripId !== release.tripId) return [];
  return [{ type: VehicleBookingEventType.Released, version: 1, data: { ...release } }];
}

export function evolveVehicleBooking(
  state: VehicleBookingState,
  event: VehicleBookingEvent,
): VehicleBookingState {
  switch (event.type) {
    case VehicleBookingEventType.Booked:
      return { openTripId: event.data.tripId };
    case VehicleBookingEventType.Released:
      return state.openTripId === event.data.tripId ? { openTripId: null } : state;
  }
}
