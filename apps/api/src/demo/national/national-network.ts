import type { NewFacility, NewVehicle } from '@oxyledger/network';
import type { SeededRandom } from '../seeded-random';
import { type GovernorateSeat, IRAQ_GOVERNORATE_SEATS } from './iraq-governorates';

export interface NetworkSize {
  hospitals: number;
  producers: number;
  vehicles: number;
}

export interface NationalPlant {
  facility: NewFacility & { supplierId: string };
  psa: boolean;
  gasGrade: 'oxygen-93' | 'oxygen-99.5';
  vehicles: NewVehicle[];
}

/** Cylinders a hospital empties on an ordinary day, per size. */
export type DailyUse = Record<'J' | 'E' | 'D', number>;

export interface NationalHospital {
  facility: NewFacility;
  beds: { general: number; icu: number; neonatal: number };
  dailyUse: DailyUse;
  /** The plant that serves it: the nearest one. */
  plantId: string;
}

export interface NationalNetwork {
  plants: NationalPlant[];
  hospitals: NationalHospital[];
  suppliers: string[];
}

const HOSPITAL_KINDS = [
  { name: 'Teaching Hospital', general: [300, 700], icu: [20, 50], neonatal: [10, 30] },
  { name: 'General Hospital', general: [120, 400], icu: [8, 30], neonatal: [4, 16] },
  {
    name: "Maternity and Children's Hospital",
    general: [80, 250],
    icu: [4, 12],
    neonatal: [15, 40],
  },
  { name: 'Surgical Specialties Hospital', general: [100, 300], icu: [10, 30], neonatal: [0, 0] },
  { name: 'Private Hospital', general: [30, 120], icu: [2, 10], neonatal: [0, 6] },
] as const;

/**
 * A national network: hospitals spread over the 19 governorates by population around their
 * capitals, plants likewise (two in three PSA plants of the state company, the rest private
 * companies with air separation units), trucks shared out among the plants. Deterministic for
 * the random generator's seed.
 */
export function buildNationalNetwork(size: NetworkSize, random: SeededRandom): NationalNetwork {
  const plants = spread(size.producers, random).map((seat, index) => {
    const psa = index % 3 !== 2;
    const slug = slugOf(seat.capital);
    const number = index + 1;
    const id = psa ? `${slug}-psa-${number}` : `${slug}-asu-${number}`;
    const supplierId = psa ? 'state-oxygen-company' : `${slug}-private-oxygen-${number}`;
    const facility = {
      id,
      kind: 'producer' as const,
      name: psa
        ? `${seat.capital} PSA Plant ${number}`
        : `${seat.capital} Air Separation Unit ${number}`,
      governorate: seat.governorate,
      ...jitter(seat, 0.08, random),
      supplierId,
    };
    return {
      facility,
      psa,
      gasGrade: psa ? 'oxygen-93' : 'oxygen-99.5',
      vehicles: [],
    } as NationalPlant;
  });
  for (let index = 0; index < size.vehicles; index++) {
    const plant = plants[index % plants.length];
    const number = plant.vehicles.length + 1;
    plant.vehicles.push({
      id: `${plant.facility.id}-truck-${number}`,
      registrationPlate: `IQ ${plant.facility.governorate.slice(0, 3).toUpperCase()} ${1000 + index}`,
      depotFacilityId: plant.facility.id,
      capacity: { J: 60, E: 120, D: 200 }, // as the simulation's TRUCK_CAPACITY
      supplierId: plant.facility.supplierId,
    });
  }

  const counters = new Map<string, number>();
  const hospitals = spread(size.hospitals, random).map((seat) => {
    const kind = random.pick(HOSPITAL_KINDS);
    const number = (counters.get(seat.capital) ?? 0) + 1;
    counters.set(seat.capital, number);
    const between = ([low, high]: readonly [number, number]) => low + random.int(high - low + 1);
    const beds = {
      general: between(kind.general),
      icu: between(kind.icu),
      neonatal: between(kind.neonatal),
    };
    const j = Math.max(1, Math.round(beds.general / 160 + beds.icu / 20));
    const facility: NewFacility = {
      id: `${slugOf(seat.capital)}-hospital-${number}`,
      kind: 'hospital',
      name: `${seat.capital} ${kind.name}${number > 1 ? ` ${number}` : ''}`,
      governorate: seat.governorate,
      ...jitter(seat, 0.25, random),
      receivingHours: { opens: '07:00', closes: '21:00' },
    };
    const nearest = plants
      .map((plant) => ({ plant, distance: squaredDistance(plant.facility, facility) }))
      .sort((a, b) => a.distance - b.distance)[0].plant;
    return {
      facility,
      beds,
      dailyUse: { J: j, E: Math.round(j * 0.3), D: Math.round(j * 0.2) },
      plantId: nearest.facility.id,
    };
  });
  const suppliers = [...new Set(plants.map((plant) => plant.facility.supplierId))];
  return { plants, hospitals, suppliers };
}

/** `count` seats, each governorate getting a share by population (every one at least one). */
function spread(count: number, random: SeededRandom): GovernorateSeat[] {
  const seats = [...IRAQ_GOVERNORATE_SEATS];
  const total = seats.reduce((sum, seat) => sum + seat.populationMillions, 0);
  const chosen: GovernorateSeat[] = [];
  // Round-robin first so that small counts still reach the biggest governorates first.
  if (count <= seats.length) return seats.slice(0, count);
  for (const seat of seats) chosen.push(seat);
  while (chosen.length < count) {
    let pick = random.next() * total;
    for (const seat of seats) {
      pick -= seat.populationMillions;
      if (pick <= 0) {
        chosen.push(seat);
        break;
      }
    }
    if (pick > 0) chosen.push(seats[0]);
  }
  return chosen;
}

function jitter(seat: GovernorateSeat, degrees: number, random: SeededRandom) {
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return {
    latitude: round(seat.latitude + (random.next() * 2 - 1) * degrees),
    longitude: round(seat.longitude + (random.next() * 2 - 1) * degrees),
  };
}

function squaredDistance(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  return (a.latitude - b.latitude) ** 2 + (a.longitude - b.longitude) ** 2;
}

function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
