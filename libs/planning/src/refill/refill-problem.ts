import type { Customer, RoutingProblem, VehicleType } from '@oxyledger/routing';
import type { UnservedDemand } from '@oxyledger/domain';
import type { Facility } from '../input/planning-input';
import type { TravelMatrix } from '../distances/distance-provider';
import type { BySize, HospitalNeed, PlanningInput } from '../input/planning-input';
import type { PlanningConfig } from '../planning.config';
import type { PlanningDay } from './planning-day';
import { allocateStock, reachability, type StockGrant, unservedPenalty } from './stock-allocation';

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

type Timing = 'in-time' | 'outside-receiving-hours' | 'cannot-return-in-shift' | 'no-vehicle';

const TIMING_DETAIL: Record<Exclude<Timing, 'in-time'>, string> = {
  'outside-receiving-hours': 'no vehicle can arrive within its receiving hours during the shift',
  'cannot-return-in-shift':
    'a vehicle could arrive in its receiving hours, but none would be back before the shift ends',
  'no-vehicle': 'no plant has a free vehicle today',
};

/**
 * Each hospital's need for the solver to place, rationed when the country holds too little of a
 * size: most urgent hospital first (fewest days of supply) takes from the total full stock; what
 * is left over is unserved for want of stock before any routing. A hospital no truck can serve
 * today (`timing`) takes nothing: scarce stock rationed to it would wait at the plants while
 * hospitals a truck can reach go without. Which plant sends it is the solver's choice; how it is
 * cut into visits follows where the stock is (`stockShapedGrants`).
 */
function rationedNeeds(
  input: PlanningInput,
  timing: (hospital: HospitalNeed) => Timing,
): { grants: StockGrant[]; unserved: UnservedDemand[] } {
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
    const when = timing(hospital);
    if (when !== 'in-time') {
      for (const [code, cylinders] of Object.entries(hospital.deliver)) {
        if (cylinders <= 0) continue;
        const base = { facilityId: hospital.facility.id, sizeCode: code, cylinders };
        unserved.push({ ...base, reason: when, detail: TIMING_DETAIL[when] });
      }
      continue;
    }
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

/**
 * The rationed needs cut where the stock lies. Each size of a hospital's need is split into the
 * amounts the nearest reachable plants hold (`allocateStock`'s share-out), plus whatever that
 * share-out could not place; a hospital's first visit takes the first amount of every size, a
 * second visit the second amounts, and so on. A need that some plant holds whole stays one
 * visit, whichever plants its sizes came from. The cuts only shape the visits: any plant with
 * the stock may still serve any of them, within its supply.
 *
 * Cut any finer (as it once was, to half the smallest plant's stock) and every need became
 * several visits, each a stop with its own fixed minutes, all bundling their sizes, so a plant
 * short of one size could serve none of the others; cut none at all, and a plant a few
 * cylinders short of a need cannot send the rest of it.
 */
function stockShapedGrants(rationed: StockGrant[], shaped: StockGrant[]): StockGrant[] {
  const amountsOf = new Map<string, Map<string, number[]>>();
  for (const grant of shaped) {
    const bySize = amountsOf.get(grant.hospital.facility.id) ?? new Map<string, number[]>();
    amountsOf.set(grant.hospital.facility.id, bySize);
    for (const [code, n] of Object.entries(grant.deliver)) {
      bySize.set(code, [...(bySize.get(code) ?? []), n]);
    }
  }
  const grants: StockGrant[] = [];
  for (const { hospital, deliver } of rationed) {
    const shares = amountsOf.get(hospital.facility.id);
    const amounts = Object.entries(deliver).map(([code, wanted]): [string, number[]] => {
      const cut: number[] = [];
      let left = wanted;
      for (const n of shares?.get(code) ?? []) {
        const take = Math.min(n, left);
        if (take > 0) cut.push(take);
        left -= take;
      }
      if (left > 0) cut.push(left);
      return [code, cut];
    });
    const visits = Math.max(1, ...amounts.map(([, cut]) => cut.length));
    for (let k = 0; k < visits; k++) {
      const part = Object.fromEntries(
        amounts.filter(([, cut]) => cut[k] !== undefined).map(([code, cut]) => [code, cut[k]]),
      );
      if (Object.keys(part).length > 0) grants.push({ hospital, producerId: '', deliver: part });
    }
  }
  return grants;
}

/** Matrix points: producers first, then the hospitals that need oxygen. */
export function planningPoints(input: PlanningInput): Facility[] {
  return [...input.producers.map((p) => p.facility), ...input.hospitals.map((h) => h.facility)];
}

/**
 * The refill day as a routing problem: each vehicle its own type at its producer, load
 * dimensions per cylinder size, hospitals' receiving hours as windows and the shift as the
 * vehicles' working time. With `solver`, each plant's full stock is its depot's supply and the
 * needs are cut into visits where the stock lies (`stockShapedGrants`); with `allocation-first`,
 * stock is shared out first (`allocateStock`). Either way each part becomes visits small enough
 * for one vehicle, so the solver never plans loads that do not exist.
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
  const solverChooses = depotChoice === 'solver';
  const shareOut = allocateStock(input, matrix, row, day, config.serviceMinutes);
  const plantsWithVehicle = [...new Set(input.vehicles.map((v) => v.depotFacilityId))];
  const timing = (hospital: HospitalNeed): Timing => {
    const reach = plantsWithVehicle.map((id) =>
      reachability(id, hospital, config.serviceMinutes, matrix, row, day),
    );
    if (reach.length === 0) return 'no-vehicle';
    if (reach.includes('in-time')) return 'in-time';
    return reach.includes('cannot-return-in-shift')
      ? 'cannot-return-in-shift'
      : 'outside-receiving-hours';
  };
  const rationed = solverChooses ? rationedNeeds(input, timing) : undefined;
  const { grants, unserved } = rationed
    ? { grants: stockShapedGrants(rationed.grants, shareOut.grants), unserved: rationed.unserved }
    : shareOut;

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
  const visits: Visit[] = [];
  const collected = new Set<string>();
  for (const grant of grants) {
    const { hospital, deliver } = grant;
    // empties go with the hospital's first visits only: they are collected once
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
    // per cylinder: skipping a visit of 16 cylinders must cost more than skipping one of 2
    unservedPenalty:
      unservedPenalty(visit.hospital) *
      Math.max(
        1,
        Object.values(visit.deliver).reduce((a, b) => a + b, 0),
      ),
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
