import type {
  CylindersBySize,
  PlannedRoute,
  PlannedStop,
  RoutePlanContent,
  UnservedDemand,
} from '@oxyledger/domain';
import type { RoutingSolution } from '@oxyledger/routing';
import type { Vehicle } from '../input/planning-input';
import type { TravelMatrix } from '../distances/distance-provider';
import type { BySize, HospitalNeed, PlanningInput } from '../input/planning-input';
import type { PlanningDay } from './planning-day';
import type { RefillProblem, Visit } from './refill-problem';
import { reachability, unservedPenalty } from './stock-allocation';

/** A stop before it is timed: the hospital and what changes hands there. */
export interface StopWork {
  hospital: HospitalNeed;
  deliver: BySize;
  collect: BySize;
  serviceMinutes: number;
}

/**
 * The solver's routes as a plan people can act on: stops (consecutive visits to one hospital
 * merged) with arrival times, loads per size, drivers, and every unserved need with its reason.
 */
export function refillPlan(
  input: PlanningInput,
  refill: RefillProblem,
  solution: RoutingSolution,
  matrix: TravelMatrix,
  day: PlanningDay,
  planId: string,
): RoutePlanContent {
  const unserved: UnservedDemand[] = [...refill.unserved];
  const work = solution.routes.map((route) => ({
    vehicle: input.vehicles[route.vehicleType],
    stops: mergeVisits(route.customers.map((c) => refill.visits[c])),
  }));
  unserved.push(...withinProducerStock(input, work));
  // full cylinders left at the plants once the routes have loaded theirs
  const leftOver: BySize = {};
  for (const producer of input.producers) {
    for (const [code, n] of Object.entries(producer.full))
      leftOver[code] = (leftOver[code] ?? 0) + n;
  }
  for (const { stops } of work) {
    for (const stop of stops) {
      for (const [code, n] of Object.entries(stop.deliver))
        leftOver[code] = (leftOver[code] ?? 0) - n;
    }
  }
  for (const visit of solution.unserved.map((c) => refill.visits[c])) {
    const reach = input.vehicles.map((vehicle) =>
      reachability(
        vehicle.depotFacilityId,
        visit.hospital,
        visit.serviceMinutes,
        matrix,
        refill.row,
        day,
      ),
    );
    const timing = reach.includes('in-time')
      ? 'no-vehicle'
      : reach.includes('cannot-return-in-shift')
        ? 'cannot-return-in-shift'
        : 'outside-receiving-hours';
    for (const [code, cylinders] of Object.entries(visit.deliver)) {
      const reason = cylinders > (leftOver[code] ?? 0) ? 'no-stock' : timing;
      unserved.push({
        facilityId: visit.hospital.facility.id,
        sizeCode: code,
        cylinders,
        reason,
        detail: {
          'no-stock': `the plants hold too few full ${code} cylinders beyond what the routes load`,
          'no-vehicle': 'no free vehicle has room for it within its shift',
          'outside-receiving-hours':
            'no vehicle can arrive within its receiving hours during the shift',
          'cannot-return-in-shift':
            'a vehicle could arrive in its receiving hours, but none would be back before the shift ends',
        }[reason],
      });
    }
  }
  const drivers = driverRoster(input);
  const routes: PlannedRoute[] = [];
  for (const { vehicle, stops } of work.filter((route) => route.stops.length > 0)) {
    const driverId = drivers(vehicle);
    if (!driverId) {
      // never proposed without a driver: a dispatcher could not approve it
      for (const stop of stops) {
        for (const [code, cylinders] of Object.entries(stop.deliver)) {
          unserved.push({
            facilityId: stop.hospital.facility.id,
            sizeCode: code,
            cylinders,
            reason: 'no-driver',
            detail: `no free driver of ${vehicle.supplierId} based at ${vehicle.depotFacilityId} for vehicle ${vehicle.id}`,
          });
        }
      }
      continue;
    }
    routes.push(
      timedRoute(`${planId}-r${routes.length + 1}`, vehicle, driverId, stops, refill, matrix, day),
    );
  }
  return { routes, unserved: mergeUnserved(unserved), totals: totalsOf(routes) };
}

/** Times a route: leaves as late as it can without arriving anywhere after closing. */
export function timedRoute(
  routeId: string,
  vehicle: Vehicle,
  driverId: string | null,
  stops: StopWork[],
  refill: Pick<RefillProblem, 'row'>,
  matrix: TravelMatrix,
  day: PlanningDay,
): PlannedRoute {
  const origin = refill.row.get(vehicle.depotFacilityId)!;
  const rows = stops.map((stop) => refill.row.get(stop.hospital.facility.id)!);
  const windows = stops.map((stop) => day.receivingWindow(stop.hospital.facility.receivingHours));
  const schedule = (departure: number) => {
    let clock = departure;
    let at = origin;
    let late = 0;
    const timed = stops.map((stop, k) => {
      const arrival = clock + matrix.durationMinutes[at][rows[k]];
      const serviceStart = Math.max(arrival, windows[k]?.[0] ?? arrival);
      late += Math.max(0, serviceStart - (windows[k]?.[1] ?? Infinity));
      clock = serviceStart + stop.serviceMinutes;
      at = rows[k];
      return { arrival, serviceStart, departure: clock };
    });
    const back = clock + matrix.durationMinutes[at][origin];
    return { timed, back, late };
  };
  // Candidate departures: the earliest (loaded, in the shift), and each one that reaches a stop just as it opens.
  const candidates = [day.earliestDepartureMinutes];
  let travelled = 0;
  let at = origin;
  stops.forEach((stop, k) => {
    travelled += matrix.durationMinutes[at][rows[k]];
    const opens = windows[k]?.[0];
    if (opens !== undefined && opens - travelled > day.earliestDepartureMinutes)
      candidates.push(opens - travelled);
    travelled += stop.serviceMinutes;
    at = rows[k];
  });
  let best = schedule(day.earliestDepartureMinutes);
  let bestDeparture = day.earliestDepartureMinutes;
  for (const departure of candidates) {
    const tried = schedule(departure);
    const shorter = tried.back - departure < best.back - bestDeparture;
    if (tried.late <= best.late && tried.back <= day.shiftEndMinutes && shorter) {
      best = tried;
      bestDeparture = departure;
    }
  }
  let distance = 0;
  at = origin;
  for (const r of [...rows, origin]) {
    distance += matrix.distanceKm[at][r];
    at = r;
  }
  const plannedStops = stops.map((stop, k): PlannedStop => ({
    facilityId: stop.hospital.facility.id,
    arrivalAt: day.instant(best.timed[k].arrival),
    serviceStartsAt: day.instant(best.timed[k].serviceStart),
    departureAt: day.instant(best.timed[k].departure),
    deliver: { ...stop.deliver },
    collect: { ...stop.collect },
  }));
  return {
    routeId,
    vehicleId: vehicle.id,
    driverId,
    originFacilityId: vehicle.depotFacilityId,
    departureAt: day.instant(bestDeparture),
    returnAt: day.instant(best.back),
    distanceKm: Math.round(distance * 10) / 10,
    durationMinutes: Math.round(best.back - bestDeparture),
    loadAtOrigin: sum(stops.map((stop) => stop.deliver)),
    stops: plannedStops,
  };
}

function mergeVisits(visits: Visit[]): StopWork[] {
  const stops: StopWork[] = [];
  for (const visit of visits) {
    const last = stops[stops.length - 1];
    if (last && last.hospital.facility.id === visit.hospital.facility.id) {
      last.deliver = sum([last.deliver, visit.deliver]);
      last.collect = sum([last.collect, visit.collect]);
      last.serviceMinutes += visit.serviceMinutes;
    } else {
      stops.push({ ...visit, deliver: { ...visit.deliver }, collect: { ...visit.collect } });
    }
  }
  return stops;
}

/**
 * Each producer can load only what it holds: where its routes would take more of a size, the
 * least urgent stops get less (a stop left with nothing to deliver or collect is dropped).
 */
function withinProducerStock(
  input: PlanningInput,
  work: { vehicle: Vehicle; stops: StopWork[] }[],
): UnservedDemand[] {
  const unserved: UnservedDemand[] = [];
  for (const producer of input.producers) {
    const routes = work.filter((route) => route.vehicle.depotFacilityId === producer.facility.id);
    const stops = routes
      .flatMap((route) => route.stops)
      .sort((a, b) => unservedPenalty(a.hospital) - unservedPenalty(b.hospital));
    for (const code of input.sizes) {
      let over =
        stops.reduce((total, stop) => total + (stop.deliver[code] ?? 0), 0) -
        (producer.full[code] ?? 0);
      for (const stop of stops) {
        if (over <= 0) break;
        const cut = Math.min(over, stop.deliver[code] ?? 0);
        if (cut === 0) continue;
        stop.deliver[code] -= cut;
        if (stop.deliver[code] === 0) delete stop.deliver[code];
        over -= cut;
        unserved.push({
          facilityId: stop.hospital.facility.id,
          sizeCode: code,
          cylinders: cut,
          reason: 'no-stock',
          detail: `producer ${producer.facility.id} holds only ${producer.full[code] ?? 0} full ${code} cylinders`,
        });
      }
    }
    for (const route of routes) {
      route.stops = route.stops.filter(
        (stop) => Object.keys(stop.deliver).length > 0 || Object.keys(stop.collect).length > 0,
      );
    }
  }
  return unserved;
}

/**
 * Gives each route a driver of the vehicle's supplier based at the vehicle's plant, or else one
 * of the supplier's drivers with no home plant; never a driver of another plant, and each
 * driver once. `null` when there is none.
 */
function driverRoster(input: PlanningInput): (vehicle: Vehicle) => string | null {
  const taken = new Set<string>();
  return (vehicle) => {
    const free = (input.driversBySupplier.get(vehicle.supplierId) ?? []).filter(
      (id) => !taken.has(id),
    );
    const home = (id: string) => input.driverHomes?.get(id);
    const driver =
      free.find((id) => home(id) === vehicle.depotFacilityId) ??
      free.find((id) => home(id) === undefined);
    if (driver) taken.add(driver);
    return driver ?? null;
  };
}

function mergeUnserved(unserved: UnservedDemand[]): UnservedDemand[] {
  const merged = new Map<string, UnservedDemand>();
  for (const item of unserved) {
    const key = `${item.facilityId}|${item.sizeCode}|${item.reason}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, cylinders: seen.cylinders + item.cylinders } : { ...item });
  }
  return [...merged.values()];
}

export function totalsOf(routes: PlannedRoute[]): RoutePlanContent['totals'] {
  return {
    routes: routes.length,
    stops: routes.reduce((n, route) => n + route.stops.length, 0),
    distanceKm: Math.round(routes.reduce((d, route) => d + route.distanceKm, 0) * 10) / 10,
    durationMinutes: routes.reduce((d, route) => d + route.durationMinutes, 0),
    deliver: sum(routes.flatMap((route) => route.stops.map((stop) => stop.deliver))),
    collect: sum(routes.flatMap((route) => route.stops.map((stop) => stop.collect))),
  };
}

function sum(amounts: CylindersBySize[]): CylindersBySize {
  const total: CylindersBySize = {};
  for (const amount of amounts) {
    for (const [code, count] of Object.entries(amount)) total[code] = (total[code] ?? 0) + count;
  }
  return total;
}
