import type { UnservedDemand } from '@oxyledger/domain';
import type { TravelMatrix } from '../distances/distance-provider';
import type { BySize, HospitalNeed, PlanningInput } from '../input/planning-input';
import type { PlanningDay } from './planning-day';

/** Full cylinders set aside for a hospital at a producer whose vehicles can reach it today. */
export interface StockGrant {
  hospital: HospitalNeed;
  producerId: string;
  deliver: BySize;
}

/**
 * Skipping a hospital costs more than any detour, and more the fewer days it has left. An open
 * urgent-supply help request puts the hospital ahead of every hospital without one (the
 * days-of-supply term never reaches 11).
 */
export function unservedPenalty(hospital: HospitalNeed): number {
  const urgent = hospital.urgentSupplyRequested ? 11 : 0;
  return 100_000 * (1 + urgent + 10 / (1 + Math.max(0, hospital.daysOfSupply ?? 0)));
}

/**
 * Shares out the producers' full stock before routing: most urgent hospital first (fewest days
 * of supply), each from the producers with a free vehicle that can drive there and back within
 * the shift and arrive in receiving hours, nearest first. What cannot be granted is reported
 * with its reason: no stock of the size anywhere, stock only where no vehicle can bring it, or
 * receiving hours no vehicle can make.
 */
export function allocateStock(
  input: PlanningInput,
  matrix: TravelMatrix,
  row: Map<string, number>,
  day: PlanningDay,
  serviceMinutes: number,
): { grants: StockGrant[]; unserved: UnservedDemand[] } {
  const left = new Map(input.producers.map((p) => [p.facility.id, { ...p.full }]));
  const withVehicle = new Set(input.vehicles.map((v) => v.depotFacilityId));
  const grants: StockGrant[] = [];
  const unserved: UnservedDemand[] = [];
  const byUrgency = [...input.hospitals].sort(
    (a, b) => unservedPenalty(b) - unservedPenalty(a) || a.facility.id.localeCompare(b.facility.id),
  );
  for (const hospital of byUrgency) {
    const to = row.get(hospital.facility.id)!;
    const reach = (producerId: string) =>
      reachability(producerId, hospital, serviceMinutes, matrix, row, day);
    const inTime = (producerId: string) => reach(producerId) === 'in-time';
    const missesHours = (producerId: string) => reach(producerId) === 'outside-receiving-hours';
    const reachable = input.producers
      .map((p) => p.facility.id)
      .filter((id) => withVehicle.has(id) && inTime(id))
      .sort((a, b) => matrix.distanceKm[row.get(a)!][to] - matrix.distanceKm[row.get(b)!][to]);
    const fromProducer = new Map<string, BySize>();
    for (const [code, wanted] of Object.entries(hospital.deliver)) {
      let missing = wanted;
      for (const producerId of reachable) {
        const stock = left.get(producerId)!;
        const taken = Math.min(missing, stock[code] ?? 0);
        if (taken === 0) continue;
        stock[code] -= taken;
        missing -= taken;
        const grant = fromProducer.get(producerId) ?? {};
        grant[code] = (grant[code] ?? 0) + taken;
        fromProducer.set(producerId, grant);
        if (missing === 0) break;
      }
      if (missing > 0)
        unserved.push(
          shortfall(
            hospital,
            code,
            missing,
            reachable.length > 0,
            left,
            withVehicle,
            inTime,
            missesHours,
          ),
        );
    }
    for (const [producerId, deliver] of fromProducer)
      grants.push({ hospital, producerId, deliver });
  }
  return { grants, unserved };
}

/**
 * Whether a vehicle leaving `producerId` as early as it can (loaded, in the shift), going straight to the
 * hospital, starts unloading within its receiving hours and is back before the shift ends.
 */
export function reachesInTime(
  producerId: string,
  hospital: HospitalNeed,
  serviceMinutes: number,
  matrix: TravelMatrix,
  row: Map<string, number>,
  day: PlanningDay,
): boolean {
  return reachability(producerId, hospital, serviceMinutes, matrix, row, day) === 'in-time';
}

/**
 * Why a vehicle leaving `producerId` as early as it can, straight to the hospital, can or cannot
 * serve it: in time; arrives after its receiving hours close; or arrives in them but cannot be
 * back at the plant before the shift ends.
 */
export function reachability(
  producerId: string,
  hospital: HospitalNeed,
  serviceMinutes: number,
  matrix: TravelMatrix,
  row: Map<string, number>,
  day: PlanningDay,
): 'in-time' | 'outside-receiving-hours' | 'cannot-return-in-shift' {
  const from = row.get(producerId)!;
  const to = row.get(hospital.facility.id)!;
  const window = day.receivingWindow(hospital.facility.receivingHours);
  const arrival = day.earliestDepartureMinutes + matrix.durationMinutes[from][to];
  const start = Math.max(arrival, window?.[0] ?? arrival);
  const back = start + serviceMinutes + matrix.durationMinutes[to][from];
  if (start > (window?.[1] ?? Infinity)) return 'outside-receiving-hours';
  return back <= day.shiftEndMinutes ? 'in-time' : 'cannot-return-in-shift';
}

function shortfall(
  hospital: HospitalNeed,
  code: string,
  cylinders: number,
  anyReachable: boolean,
  left: Map<string, BySize>,
  withVehicle: Set<string>,
  inTime: (producerId: string) => boolean,
  missesHours: (producerId: string) => boolean,
): UnservedDemand {
  const base = { facilityId: hospital.facility.id, sizeCode: code, cylinders };
  const heldAt = [...left].filter(([, stock]) => (stock[code] ?? 0) > 0).map(([id]) => id);
  if (heldAt.length === 0) {
    return {
      ...base,
      reason: 'no-stock',
      detail: `no producer holds ${cylinders} more full ${code} cylinders`,
    };
  }
  if (!anyReachable && [...withVehicle].some((id) => !inTime(id))) {
    // every plant with a vehicle misses its hours, or some arrive in them but cannot get back
    return [...withVehicle].every(missesHours)
      ? {
          ...base,
          reason: 'outside-receiving-hours',
          detail: 'no vehicle can arrive within its receiving hours during the shift',
        }
      : {
          ...base,
          reason: 'cannot-return-in-shift',
          detail:
            'a vehicle could arrive in its receiving hours, but none would be back before the shift ends',
        };
  }
  return {
    ...base,
    reason: 'no-vehicle',
    detail: `full ${code} cylinders wait at ${heldAt.join(', ')}, with no free vehicle able to bring them today`,
  };
}
