import type { BenchmarkInstance } from '@oxyledger/routing';
import type { Customer, TimeWindow, VehicleType } from '@oxyledger/routing';

/**
 * A refill day at the scale of a country, made from a seed: 300 hospitals clustered around 15
 * towns and 20 oxygen producers over about 600 × 400 km, 3 vehicles at each producer. Loads are
 * counted per cylinder size (large, small): each hospital gets full cylinders of both sizes and
 * hands back its empties at the same visit. Distances are road kilometres (straight line × 1.3,
 * rounded), travel times minutes at 50 km/h, times of day minutes after midnight.
 */
export const COUNTRY = {
  widthKm: 600,
  heightKm: 400,
  towns: 15,
  hospitals: 300,
  producers: 20,
  vehiclesPerProducer: 3,
  capacity: [40, 12],
  /** 05:00–21:00: when a vehicle may be out; any 10 hours of it (maxDuration). */
  shift: [5 * 60, 21 * 60] as TimeWindow,
  maxDurationMin: 10 * 60,
  circuity: 1.3,
  speedKmh: 50,
};

const RECEIVING_HOURS: { window: TimeWindow; share: number }[] = [
  { window: [8 * 60, 16 * 60], share: 0.7 },
  { window: [6 * 60, 12 * 60], share: 0.15 },
  { window: [12 * 60, 20 * 60], share: 0.15 },
];

export function countryInstance(seed = 1): BenchmarkInstance {
  const random = mulberry32(seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const integer = (low: number, high: number) => Math.floor(between(low, high + 1));
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const clamp = (value: number, high: number) => Math.min(Math.max(value, 0), high);
  const near = (town: { x: number; y: number }, spreadKm: number) => ({
    x: clamp(town.x + gaussian() * spreadKm, COUNTRY.widthKm),
    y: clamp(town.y + gaussian() * spreadKm, COUNTRY.heightKm),
  });

  const towns = Array.from({ length: COUNTRY.towns }, () => ({
    x: between(40, COUNTRY.widthKm - 40),
    y: between(40, COUNTRY.heightKm - 40),
    size: between(1, 4),
  }));
  const totalSize = towns.reduce((sum, town) => sum + town.size, 0);
  const someTown = () => {
    let pick = random() * totalSize;
    return towns.find((town) => (pick -= town.size) < 0) ?? towns[towns.length - 1];
  };
  const producers = Array.from({ length: COUNTRY.producers }, () => near(someTown(), 40));
  const hospitals = Array.from({ length: COUNTRY.hospitals }, () => near(someTown(), 15));

  const points = [...producers, ...hospitals];
  const distance = points.map((a) =>
    points.map((b) => Math.round(Math.hypot(a.x - b.x, a.y - b.y) * COUNTRY.circuity)),
  );
  const minutesPerKm = 60 / COUNTRY.speedKmh;
  const duration = distance.map((row) => row.map((km) => Math.round(km * minutesPerKm)));

  const vehicleTypes = producers.map((_, depot): VehicleType => ({
    depot,
    count: COUNTRY.vehiclesPerProducer,
    capacity: [...COUNTRY.capacity],
    shift: COUNTRY.shift,
    maxDuration: COUNTRY.maxDurationMin,
  }));
  const customers = hospitals.map((_, h): Customer => {
    const delivery = [integer(1, 8), integer(0, 3)];
    const pickup = delivery.map((full) => Math.round(full * between(0.5, 1.2)));
    let pick = random();
    const hours = RECEIVING_HOURS.find(({ share }) => (pick -= share) < 0) ?? RECEIVING_HOURS[0];
    return {
      location: COUNTRY.producers + h,
      delivery,
      pickup,
      serviceTime: integer(15, 30),
      timeWindow: hours.window,
    };
  });

  return {
    name: `country-${seed}`,
    problem: {
      distance,
      duration,
      coordinates: points,
      depots: producers.map((_, p) => ({ location: p })),
      vehicleTypes,
      customers,
    },
    customerNumbers: customers.map((_, h) => h + 1),
    costScale: 1,
  };
}

/** Tommy Ettinger's mulberry32: a 32-bit state, good enough to scatter points. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
