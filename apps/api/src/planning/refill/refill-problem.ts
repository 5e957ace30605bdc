import type { Customer, RoutingProblem, VehicleType } from '@oxyledger/routing';
import type { UnservedDemand } from '@oxyledger/domain';
import type { Facility } from '../../network/network.types';
import type { TravelMatrix } from '../distances/distance-provider';
import type { BySize, HospitalNeed, PlanningInput } from '../input/planning-input';
import type { PlanningConfig } from '../planning.config';
import type { PlanningDay } from './planning-day';

/** One visit the solver may make: part of a hospital's need, sized to fit a vehicle. */
export interface Visit {
  hospital: HospitalNeed;
  deliver: BySize;
  collect: BySize;
  serviceMinutes: number;
}

export interface RefillProblem {
  problem: RoutingProblem;
  /** `problem.customers[i]` is `visits[i]`; `problem.vehicleTypes[v]` is `input.vehicles[v]`. */
  visits: Visit[];
  /** Demand refused before solving: no stock of the size anywhere a vehicle can load it. */
  unserved: UnservedDemand[];
  /** Matrix row of each facility. */
  row: Map<string, number>;
}

/** Skipping a hospital costs more than any detour, and more the fewer days it has left. */
export function unservedPenalty(hospital: HospitalNeed): number {
  return 100_000 * (1 + 10 / (1 + Math.max(0, hospital.daysOfSupply ?? 0)));
}

/** Matrix points: producers first, then the hospitals that need oxygen. */
export function planningPoints(input: PlanningInput): Facility[] {
  return [...input.producers.map((p) => p.facility), ...input.hospitals.map((h) => h.facility)];
}

/**
 * The refill day as a routing problem: each vehicle its own type at its producer, load
 * dimensions per cylinder size, hospitals' receiving hours as windows and the shift as the
 * vehicles' working time. What no producer with a free vehicle holds is cut first, the least
 * urgent hospitals first, so the solver never plans loads that do not exist.
 */
export function buildRefillProblem(
  input: PlanningInput,
  matrix: TravelMatrix,
  day: PlanningDay,
  config: Pick<PlanningConfig, 'serviceMinutes' | 'serviceMinutesPerCylinder'>,
): RefillProblem {
  const points = planningPoints(input);
  const row = new Map(points.map((facility, index) => [facility.id, index]));
  const { sizes } = input;
  const loadingAt = new Set(input.vehicles.map((v) => v.depotFacilityId));
  const available: BySize = {};
  for (const producer of input.producers) {
    if (!loadingAt.has(producer.facility.id)) continue;
    for (const [code, count] of Object.entries(producer.full))
      available[code] = (available[code] ?? 0) + count;
  }
  const unserved: UnservedDemand[] = [];
  const byUrgency = [...input.hospitals].sort(
    (a, b) => unservedPenalty(b) - unservedPenalty(a) || a.facility.id.localeCompare(b.facility.id),
  );
  const granted = new Map<string, BySize>();
  for (const hospital of byUrgency) {
    const deliver: BySize = {};
    for (const [code, wanted] of Object.entries(hospital.deliver)) {
      const given = Math.min(wanted, available[code] ?? 0);
      available[code] = (available[code] ?? 0) - given;
      if (given > 0) deliver[code] = given;
      if (given < wanted) {
        unserved.push({
          facilityId: hospital.facility.id,
          sizeCode: code,
          cylinders: wanted - given,
          reason: 'no-stock',
          detail: `no producer with a free vehicle holds ${wanted - given} more full ${code} cylinders`,
        });
      }
    }
    granted.set(hospital.facility.id, deliver);
  }

  const largest: BySize = {};
  for (const vehicle of input.vehicles) {
    for (const code of sizes)
      largest[code] = Math.max(largest[code] ?? 0, vehicle.capacity[code] ?? 0);
  }
  const visits: Visit[] = [];
  for (const hospital of input.hospitals) {
    const deliver = granted.get(hospital.facility.id) ?? {};
    if (Object.keys(deliver).length === 0) continue;
    const collect = hospital.collect;
    const parts = Math.max(
      1,
      ...sizes.map((code) =>
        largest[code] > 0
          ? Math.ceil(Math.max(deliver[code] ?? 0, collect[code] ?? 0) / largest[code])
          : 1,
      ),
    );
    for (let part = 0; part < parts; part++) {
      const share = (amounts: BySize) =>
        Object.fromEntries(
          Object.entries(amounts)
            .map(([code, count]): [string, number] => [
              code,
              Math.floor((count * (part + 1)) / parts) - Math.floor((count * part) / parts),
            ])
            .filter(([, count]) => count > 0),
        );
      const visit = { hospital, deliver: share(deliver), collect: share(collect) };
      const handled = [...Object.values(visit.deliver), ...Object.values(visit.collect)].reduce(
        (a, b) => a + b,
        0,
      );
      visits.push({
        ...visit,
        serviceMinutes: config.serviceMinutes + config.serviceMinutesPerCylinder * handled,
      });
    }
  }

  const depots = input.producers.map((p) => ({ location: row.get(p.facility.id)! }));
  const depotOf = new Map(input.producers.map((p, index) => [p.facility.id, index]));
  const shiftLength = day.shiftEndMinutes - day.shiftStartMinutes;
  // A producer's full stock is shared among its vehicles, so together they never load more.
  const fleetAt = new Map<string, number>();
  const rank = input.vehicles.map((vehicle) => {
    const k = fleetAt.get(vehicle.depotFacilityId) ?? 0;
    fleetAt.set(vehicle.depotFacilityId, k + 1);
    return k;
  });
  const stockAt = new Map(input.producers.map((p) => [p.facility.id, p.full]));
  const vehicleTypes = input.vehicles.map((vehicle, v): VehicleType => {
    const fleet = fleetAt.get(vehicle.depotFacilityId)!;
    const full = stockAt.get(vehicle.depotFacilityId) ?? {};
    return {
      depot: depotOf.get(vehicle.depotFacilityId)!,
      count: 1,
      capacity: sizes.map((code) => vehicle.capacity[code] ?? 0),
      maxDelivery: sizes.map((code) => {
        const stock = full[code] ?? 0;
        return Math.floor(stock / fleet) + (rank[v] < stock % fleet ? 1 : 0);
      }),
      shift: [day.shiftStartMinutes, day.shiftEndMinutes],
      maxDuration: Math.max(shiftLength, 1),
    };
  });
  const customers = visits.map((visit): Customer => ({
    location: row.get(visit.hospital.facility.id)!,
    delivery: sizes.map((code) => visit.deliver[code] ?? 0),
    pickup: sizes.map((code) => visit.collect[code] ?? 0),
    serviceTime: visit.serviceMinutes,
    timeWindow: day.receivingWindow(visit.hospital.facility.receivingHours),
    unservedPenalty: unservedPenalty(visit.hospital),
  }));
  return {
    problem: {
      distance: matrix.distanceKm,
      duration: matrix.durationMinutes,
      depots,
      vehicleTypes,
      customers,
    },
    visits,
    unserved,
    row,
  };
}
