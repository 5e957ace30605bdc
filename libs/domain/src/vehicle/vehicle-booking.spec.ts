import {
  bookVehicle,
  evolveVehicleBooking,
  initialVehicleBookingState,
  releaseVehicle,
  VehicleAlreadyBooked,
  VehicleBookingEvent,
} from './vehicle-booking';

const at = '2026-12-03T08:00:00Z';
const replay = (events: VehicleBookingEvent[]) =>
  events.reduce(evolveVehicleBooking, initialVehicleBookingState());
const booked = (tripId: string) =>
  bookVehicle(initialVehicleBookingState(), { vehicleId: 'truck', tripId, at });

describe('one open trip per truck', () => {
  it('books a free truck', () => {
    expect(booked('t1')).toEqual([
      { type: 'VehicleBooked', version: 1, data: { vehicleId: 'truck', tripId: 't1', at } },
    ]);
  });

  it('refuses a second open trip with a conflict naming the open one', () => {
    const state = replay(booked('t1'));
    expect(() => bookVehicle(state, { vehicleId: 'truck', tripId: 't2', at })).toThrow(
      VehicleAlreadyBooked,
    );
    try {
      bookVehicle(state, { vehicleId: 'truck', tripId: 't2', at });
    } catch (error) {
      expect((error as VehicleAlreadyBooked).kind).toBe('conflict');
      expect((error as VehicleAlreadyBooked).details).toMatchObject({ openTripId: 't1' });
    }
  });

  it('books the same trip again as nothing new (a retried request)', () => {
    expect(bookVehicle(replay(booked('t1')), { vehicleId: 'truck', tripId: 't1', at })).toEqual([]);
  });

  it('frees the truck when its trip closes, and only then', () => {
    const state = replay(booked('t1'));
    expect(
      releaseVehicle(state, { vehicleId: 'truck', tripId: 't9', outcome: 'completed', at }),
    ).toEqual([]);
    const released = releaseVehicle(state, {
      vehicleId: 'truck',
      tripId: 't1',
      outcome: 'cancelled',
      at,
    });
    expect(released).toHaveLength(1);
    const free = replay([...booked('t1'), ...released]);
    expect(bookVehicle(free, { vehicleId: 'truck', tripId: 't2', at })).toHaveLength(1);
  });
});
