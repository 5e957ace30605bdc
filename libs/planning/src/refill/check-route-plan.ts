import type { RoutePlanContent } from '@oxyledger/domain';
import type { TravelMatrix } from '../distances/distance-provider';
import type { PlanningInput } from '../input/planning-input';
import type { PlanningDay } from './planning-day';

/** Slack for times rounded to the second and distances to 100 m. */
const MINUTE_TOLERANCE = 0.05;

/**
 * Checks a route plan against what it was planned from, with code of its own (nothing shared
 * with the solver or the plan builder): each vehicle used once and loaded at its own producer,
 * the load per size never over capacity at any point, producers' stock, hospitals' needs,
 * travel times between the stated times, receiving hours, and the shift.
 */
export function checkRoutePlan(
  plan: RoutePlanContent,
  input: PlanningInput,
  matrix: TravelMatrix,
  row: Map<string, number>,
  day: PlanningDay,
): string[] {
  const violations: string[] = [];
  const vehicles = new Map(input.vehicles.map((v) => [v.id, v]));
  const hospitals = new Map(input.hospitals.map((h) => [h.facility.id, h]));
  const drawn = new Map<string, Map<string, number>>();
  const received = new Map<string, Map<string, number>>();
  const used = new Set<string>();
  const add = (
    totals: Map<string, Map<string, number>>,
    id: string,
    code: string,
    count: number,
  ) => {
    const bySize = totals.get(id) ?? new Map<string, number>();
    bySize.set(code, (bySize.get(code) ?? 0) + count);
    totals.set(id, bySize);
  };

  for (const route of plan.routes) {
    const name = `route ${route.routeId}`;
    const vehicle = vehicles.get(route.vehicleId);
    if (!vehicle) {
      violations.push(`${name}: vehicle ${route.vehicleId} is not free to go out`);
      continue;
    }
    if (used.has(vehicle.id)) violations.push(`${name}: vehicle ${vehicle.id} is on another route`);
    used.add(vehicle.id);
    if (route.originFacilityId !== vehicle.depotFacilityId) {
      violations.push(`${name}: leaves ${route.originFacilityId}, not the vehicle's base`);
    }
    const sizes = new Set([
      ...Object.keys(vehicle.capacity),
      ...route.stops.flatMap((s) => [...Object.keys(s.deliver), ...Object.keys(s.collect)]),
    ]);
    for (const code of sizes) {
      let load = route.stops.reduce((n, stop) => n + (stop.deliver[code] ?? 0), 0);
      const capacity = vehicle.capacity[code] ?? 0;
      if ((route.loadAtOrigin[code] ?? 0) !== load) {
        violations.push(
          `${name}: loads ${route.loadAtOrigin[code] ?? 0} ${code} but delivers ${load}`,
        );
      }
      if (load > capacity)
        violations.push(`${name}: leaves with ${load} ${code}, capacity ${capacity}`);
      add(drawn, route.originFacilityId, code, load);
      for (const stop of route.stops) {
        load += (stop.collect[code] ?? 0) - (stop.deliver[code] ?? 0);
        if (load > capacity) {
          violations.push(
            `${name}: carries ${load} ${code} after ${stop.facilityId}, capacity ${capacity}`,
          );
        }
        add(received, stop.facilityId, code, stop.deliver[code] ?? 0);
      }
    }

    const departure = day.minutesOf(route.departureAt);
    if (departure < day.earliestDepartureMinutes - MINUTE_TOLERANCE) {
      violations.push(
        `${name}: leaves at ${route.departureAt}, before the shift starts and the truck is loaded`,
      );
    }
    let clock = departure;
    let at = row.get(route.originFacilityId);
    for (const stop of route.stops) {
      const to = row.get(stop.facilityId);
      const hospital = hospitals.get(stop.facilityId);
      if (to === undefined || at === undefined || !hospital) {
        violations.push(`${name}: ${stop.facilityId} is not a hospital that needs oxygen`);
        break;
      }
      const arrival = day.minutesOf(stop.arrivalAt);
      const start = day.minutesOf(stop.serviceStartsAt);
      if (arrival < clock + matrix.durationMinutes[at][to] - MINUTE_TOLERANCE) {
        violations.push(`${name}: reaches ${stop.facilityId} sooner than the drive allows`);
      }
      if (start < arrival - MINUTE_TOLERANCE) {
        violations.push(`${name}: starts unloading at ${stop.facilityId} before arriving`);
      }
      const window = day.receivingWindow(hospital.facility.receivingHours);
      if (
        window &&
        (start < window[0] - MINUTE_TOLERANCE || start > window[1] + MINUTE_TOLERANCE)
      ) {
        violations.push(
          `${name}: unloads at ${stop.facilityId} at ${stop.serviceStartsAt}, outside its receiving hours`,
        );
      }
      clock = day.minutesOf(stop.departureAt);
      if (clock < start - MINUTE_TOLERANCE)
        violations.push(`${name}: leaves ${stop.facilityId} before unloading`);
      at = to;
    }
    const back = day.minutesOf(route.returnAt);
    const home = row.get(route.originFacilityId);
    if (
      at !== undefined &&
      home !== undefined &&
      back < clock + matrix.durationMinutes[at][home] - MINUTE_TOLERANCE
    ) {
      violations.push(`${name}: is back sooner than the drive allows`);
    }
    if (back > day.shiftEndMinutes + MINUTE_TOLERANCE) {
      violations.push(`${name}: is back at ${route.returnAt}, after the shift ends`);
    }
  }

  for (const producer of input.producers) {
    for (const [code, count] of drawn.get(producer.facility.id) ?? []) {
      if (count > (producer.full[code] ?? 0)) {
        violations.push(
          `producer ${producer.facility.id}: plan loads ${count} ${code}, it holds ${producer.full[code] ?? 0}`,
        );
      }
    }
  }
  for (const [facilityId, bySize] of received) {
    for (const [code, count] of bySize) {
      const needed = hospitals.get(facilityId)?.deliver[code] ?? 0;
      if (count > needed)
        violations.push(`hospital ${facilityId}: gets ${count} ${code}, needs ${needed}`);
    }
  }
  return violations;
}
