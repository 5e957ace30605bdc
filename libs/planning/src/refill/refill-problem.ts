import type { Customer, RoutingProblem, VehicleType } from '@oxyledger/routing';
import type { UnservedDemand } from '@oxyledger/domain';
import type { Facility } from '../input/planning-input';
import type { TravelMatrix } from '../distances/distance-provider';
import type { BySize, HospitalNeed, PlanningInput } from '../input/planning-input';
import type { PlanningConfig } from '../planning.config';
import type { PlanningDay } from './planning-day';
import { allocateStock, type StockGrant, unservedPenalty } from './stock-allocation';

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

/**
 * Who decides which plant serves which hospital: the solver (each plant's full stock per size
 * is its depot's supply, shared by all its vehicles), or, as planning did first, a share-out
 * of the stock before routing (`allocateStock`), kept for comparison in `bench:planning`.
 */
export type DepotChoice = 'solver' | 'allocation-first';

/**
 * Each hospital's need for the solver to place, rationed when the country holds too little of a
 * size: most urgent hospital first (fewest days of supply) takes from the total full stock; what
 * is left over is unserved for want of stock before any routing. Which plant sends it is the
 * solver's choice.
 */
function rationedNeeds(input: PlanningInput): { grants: StockGrant[]; unserved: UnservedDemand[] } {
  const left: BySize = {};
  for (const producer of input.producers) {
    for (const [code, n] of Object.entries(producer.full)) left[code] = (left[code] ?? 0) + n;
  }
  const byUrgency = [...input.hospitals].sort(
    (a, b) => unservedPenalty(b) - unservedPenalty(a) || a.facility.id.localeCompare(b.facility.id),
  );
  const unserved: UnservedDemand[] = [];
  const grants: StockGrant[] = [];
  for (const hospital of byUrgency) {
    const deliver: BySize = {};
    for (const [code, wanted] of Object.entries(hospital.deliver)) {
      const granted = Math.min(wanted, left[code] ?? 0);
      left[code] = (left[code] ?? 0) - granted;
      if (granted > 0) deliver[code] = granted;
      if (granted < wanted) {
        unserved.push({
          facilityId: hospital.facility.id,
          sizeCode: code,
          cylinders: wanted - granted,
          reason: 'no-stock',
          detail: `the plants hold too few full ${code} cylinders for every hospital in need`,
        });
      }
    }
    if (Object.keys(deliver).length > 0) grants.push({ hospital, producerId: '', deliver });
  }
  return { grants, unserved };
}

/** Matrix points: producers first, then the hospitals that need oxygen. */
export function planningPoints(input: PlanningInput): Facility[] {
  return [...input.producers.map((p) => p.facility), ...input.hospitals.map((h) => h.facility)];
}

/**
 * The refill day as a routing problem: each vehicle its own type at its producer, load
 * dimensions per cylinder size, hospitals' receiving hours as windows and the shift as the
 * vehicles' working time. Stock is shared out first (`allocateStock`), and each grant becomes
 * visits small enough for one vehicle, so the solver never plans loads that do not exist.
 */
export function buildRefillProblem(
  input: PlanningInput,
  matrix: TravelMatrix,
  day: PlanningDay,
  config: Pick<PlanningConfig, 'serviceMinutes' | 'serviceMinutesPerCylinder'>,
  depotChoice: DepotChoice = 'solver',
): RefillProblem {
  const points = planningPoints(input);
  const row = new Map(points.map((facility, index) => [facility.id, index]));
  const { sizes } = input;
  const { grants, unserved } =
    depotChoice === 'solver'
      ? rationedNeeds(input)
      : allocateStock(input, matrix, row, day, config.serviceMinutes);
  const solverChooses = depotChoice === 'solver';

  // A producer's full stock is shared among its vehicles, so together they never load more.
  const fleetAt = new Map<string, number>();
  const rank = input.vehicles.map((vehicle) => {
    const k = fleetAt.get(vehicle.depotFacilityId) ?? 0;
    fleetAt.set(vehicle.depotFacilityId, k + 1);
    return k;
  });
  const stockAt = new Map(input.producers.map((p) => [p.facility.id, p.full]));
  const loadable = input.vehicles.map((vehicle, v) => {
    const fleet = fleetAt.get(vehicle.depotFacilityId)!;
    const full = stockAt.get(vehicle.depotFacilityId) ?? {};
    return Object.fromEntries(
      sizes.map((code) => {
        const stock = full[code] ?? 0;
        // the solver keeps the plant's total within its stock (the depot's supply) itself
        if (solverChooses) return [code, stock];
        return [code, Math.floor(stock / fleet) + (rank[v] < stock % fleet ? 1 : 0)];
      }),
    ) as BySize;
  });
  // A visit must fit one vehicle: what it can load for deliveries, its capacity for empties.
  const largestLoad: BySize = {};
  const largest: BySize = {};
  input.vehicles.forEach((vehicle, v) => {
    for (const code of sizes) {
      const capacity = vehicle.capacity[code] ?? 0;
      largest[code] = Math.max(largest[code] ?? 0, capacity);
      largestLoad[code] = Math.max(largestLoad[code] ?? 0, Math.min(capacity, loadable[v][code]));
    }
  });
  if (solverChooses) {
    // small enough that a need can be shared by plants that each hold only part of it
    for (const code of sizes) {
      const held = input.producers.map((p) => p.full[code] ?? 0).filter((n) => n > 0);
      if (held.length > 0) {
        largestLoad[code] = Math.min(largestLoad[code], Math.ceil(Math.min(...held) / 2));
      }
    }
  }
  const visits: Visit[] = [];
  const collected = new Set<string>();
  for (const grant of grants) {
    const { hospital, deliver } = grant;
    // empties go with the first grant's visits only: they are collected once
    const collect = collected.has(hospital.facility.id) ? {} : hospital.collect;
    collected.add(hospital.facility.id);
    const parts = Math.max(
      1,
      ...sizes.map((code) =>
        Math.max(
          largestLoad[code] > 0 ? Math.ceil((deliver[code] ?? 0) / largestLoad[code]) : 1,
          largest[code] > 0 ? Math.ceil((collect[code] ?? 0) / largest[code]) : 1,
        ),
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

  const depots = input.producers.map((p) => ({
    location: row.get(p.facility.id)!,
    ...(solverChooses && { supply: sizes.map((code) => p.full[code] ?? 0) }),
  }));
  const depotOf = new Map(input.producers.map((p, index) => [p.facility.id, index]));
  const shiftLength = day.shiftEndMinutes - day.earliestDepartureMinutes;
  const vehicleTypes = input.vehicles.map((vehicle, v): VehicleType => {
    return {
      depot: depotOf.get(vehicle.depotFacilityId)!,
      count: 1,
      capacity: sizes.map((code) => vehicle.capacity[code] ?? 0),
      maxDelivery: sizes.map((code) => loadable[v][code]),
      shift: [day.earliestDepartureMinutes, day.shiftEndMinutes],
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
