/**
 * Planning benchmark: `npm run bench:planning [-- --time-limit <s>] [--seed <n>]`.
 *
 * One planning run, without the database, on a generated country: 300 hospitals around 15
 * towns and 20 producers in Iraq's bounding box, 3 vehicles at each producer (60), two cylinder
 * sizes, receiving hours, empties to collect. Runs the planner's own pipeline — stock shared
 * out, routing problem built, solved, turned into a plan and checked — and prints the time of
 * each step, the plan's totals and the process's peak memory. Writes
 * bench/results/planning.json.
 *
 * The solve runs in worker threads (`--threads`, default one per core) while this thread's
 * event-loop delay is sampled (`eventLoopDelayP99Ms`: what the api's requests would wait); then
 * once more on this thread for comparison, unless `--skip-on-loop`. Then old against new
 * depot choice (stock shared out before routing, or the solver choosing the plants) on the demo
 * network and on the country: km, hours and cylinders served.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { RoutePlanContent } from '@oxyledger/domain';
import { type SolveOptions, solveRouting, solveRoutingInWorkers } from '@oxyledger/routing';
import { DEMO_REGIONS } from '../../apps/api/src/demo/demo-network';
import type { NewFacility } from '@oxyledger/network';
import {
  GreatCircleDistanceProvider,
  type HospitalNeed,
  type PlanningInput,
  checkRoutePlan,
  PlanningDay,
  refillPlan,
  buildRefillProblem,
  planningConfig,
  planningPoints,
  type DepotChoice,
  type Facility,
  type Vehicle,
} from '@oxyledger/planning';

export const PLAN_CONFIG = {
  shift: { starts: '06:00', ends: '20:00' },
  utcOffsetMinutes: 180,
  serviceMinutes: 15,
  serviceMinutesPerCylinder: 0.5,
};
/** 05:00 in Baghdad: the whole shift ahead. */
export const NOW = new Date('2026-11-27T02:00:00Z');

export function countryInput(seed: number): PlanningInput {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (low: number, high: number) => low + (high - low) * random();
  const towns = Array.from({ length: 15 }, () => ({
    lat: between(30, 36.5),
    lng: between(40.5, 47.5),
  }));
  const near = (spread: number) => {
    const town = towns[Math.floor(random() * towns.length)];
    return {
      latitude: town.lat + between(-spread, spread),
      longitude: town.lng + between(-spread, spread),
    };
  };
  const facility = (
    id: string,
    kind: Facility['kind'],
    at: { latitude: number; longitude: number },
    hours: Facility['receivingHours'],
  ): Facility => ({
    id,
    kind,
    name: id,
    governorate: 'generated',
    ...at,
    receivingHours: hours,
    supplierId: kind === 'hospital' ? null : `supplier-${id}`,
  });
  const producers = Array.from({ length: 20 }, (_, p) => ({
    facility: facility(`producer-${p}`, 'producer', near(0.4), null),
    full: { J: Math.round(between(60, 160)), E: Math.round(between(40, 120)) },
    empty: {},
    fillPerHour: {},
  }));
  const hospitals = Array.from({ length: 300 }, (_, h): HospitalNeed => {
    const pick = random();
    const hours =
      pick < 0.7
        ? { opens: '08:00', closes: '16:00' }
        : pick < 0.85
          ? { opens: '06:00', closes: '12:00' }
          : { opens: '12:00', closes: '20:00' };
    const days = between(0, 3);
    return {
      facility: facility(`hospital-${h}`, 'hospital', near(0.15), hours),
      level: days < 1 ? 'critical' : 'low',
      daysOfSupply: days,
      deliver: { J: Math.round(between(2, 10)), E: Math.round(between(0, 4)) },
      collect: { J: Math.round(between(0, 8)), E: Math.round(between(0, 3)) },
    };
  });
  const vehicles = producers.flatMap((p, k) =>
    [0, 1, 2].map((t): Vehicle => ({
      id: `truck-${k}-${t}`,
      depotFacilityId: p.facility.id,
      capacity: { J: 40, E: 12 },
      supplierId: p.facility.supplierId!,
    })),
  );
  const driversBySupplier = new Map(
    producers.map((p, k) => [p.facility.supplierId!, [0, 1, 2].map((t) => `driver-${k}-${t}`)]),
  );
  return {
    region: 'national',
    now: NOW,
    sizes: ['E', 'J'],
    hospitals,
    producers,
    vehicles,
    driversBySupplier,
  };
}

/**
 * The demo network's plants and hospitals (apps/api's demo data), on a refill day: every
 * hospital short of J and E, each plant with its own stock and one truck.
 */
export function demoInput(): PlanningInput {
  const stock = [
    { J: 12, E: 30 },
    { J: 40, E: 10 },
    { J: 25, E: 25 },
    { J: 8, E: 20 },
    { J: 30, E: 15 },
  ];
  const at = (f: NewFacility): Facility => ({
    id: f.id,
    kind: f.kind,
    name: f.name,
    governorate: f.governorate,
    latitude: f.latitude,
    longitude: f.longitude,
    receivingHours: f.receivingHours ?? null,
    supplierId: f.supplierId ?? null,
  });
  const producers = DEMO_REGIONS.map((region, k) => ({
    facility: at(region.producer),
    full: stock[k % stock.length],
    empty: {},
    fillPerHour: {},
  }));
  const hospitals = DEMO_REGIONS.flatMap((region) => region.hospitals).map(
    (h, k): HospitalNeed => ({
      facility: at(h),
      level: k % 3 === 0 ? 'critical' : 'low',
      daysOfSupply: (k % 3) * 0.8,
      deliver: { J: 6 + (k % 4) * 2, E: 4 + (k % 3) * 2 },
      collect: { J: 4, E: 2 },
    }),
  );
  const vehicles = DEMO_REGIONS.map((region): Vehicle => ({
    id: `${region.producer.id}-truck-1`,
    depotFacilityId: region.producer.id,
    capacity: { J: 40, E: 60 },
    supplierId: region.producer.supplierId,
  }));
  return {
    region: 'national',
    now: NOW,
    sizes: ['E', 'J'],
    hospitals,
    producers,
    vehicles,
    driversBySupplier: DEMO_REGIONS.reduce(
      (bySupplier, { producer }) =>
        bySupplier.set(producer.supplierId, [
          ...(bySupplier.get(producer.supplierId) ?? []),
          `driver-${producer.id}`,
        ]),
      new Map<string, string[]>(),
    ),
    driverHomes: new Map(
      DEMO_REGIONS.map(({ producer }) => [`driver-${producer.id}`, producer.id]),
    ),
  };
}

/** One plan of `input` with the depots chosen one way or the other: km, hours, cylinders served. */
export async function planQuality(
  input: PlanningInput,
  depotChoice: DepotChoice,
  options: SolveOptions & { threads: number },
) {
  const matrix = await new GreatCircleDistanceProvider({
    circuity: 1.3,
    averageSpeedKmPerHour: 50,
  }).matrix(planningPoints(input));
  const day = new PlanningDay(NOW, PLAN_CONFIG);
  const refill = buildRefillProblem(input, matrix, day, PLAN_CONFIG, depotChoice);
  const { solution } = await solveRoutingInWorkers(refill.problem, options);
  const plan = refillPlan(input, refill, solution, matrix, day, 'bench');
  const violations = checkRoutePlan(plan, input, matrix, refill.row, day);
  const served = Object.values(plan.totals.deliver).reduce((a, b) => a + b, 0);
  return {
    plan,
    depotChoice,
    km: plan.totals.distanceKm,
    hours: Math.round(plan.totals.durationMinutes / 6) / 10,
    routes: plan.totals.routes,
    cylindersServed: served,
    cylindersUnserved: plan.unserved.reduce((n, u) => n + u.cylinders, 0),
    violations: violations.length,
  };
}

const localTime = (instant: string) =>
  new Date(Date.parse(instant) + PLAN_CONFIG.utcOffsetMinutes * 60_000).toISOString().slice(11, 16);
const countsOf = (by: Record<string, number>) =>
  Object.entries(by)
    .map(([code, n]) => `${n} ${code}`)
    .join(' + ') || '—';

/** A plan as a dispatcher reads it: each truck's trip, its stops, and what is left and why. */
export function describePlan(plan: RoutePlanContent): string[] {
  const lines: string[] = [];
  for (const route of plan.routes) {
    lines.push(
      `${route.vehicleId} (${route.driverId}) from ${route.originFacilityId}: leaves ` +
        `${localTime(route.departureAt)}, back ${localTime(route.returnAt)}, ${route.distanceKm} km, ` +
        `loads ${countsOf(route.loadAtOrigin)}`,
    );
    for (const stop of route.stops) {
      lines.push(
        `    ${localTime(stop.serviceStartsAt)} ${stop.facilityId}: deliver ${countsOf(stop.deliver)}, ` +
          `collect ${countsOf(stop.collect)}`,
      );
    }
  }
  for (const u of plan.unserved) {
    lines.push(
      `unserved ${u.cylinders} ${u.sizeCode} at ${u.facilityId}: ${u.reason} (${u.detail})`,
    );
  }
  return lines;
}

/** Runs `work` while sampling the event loop's delay every 10 ms; p99 and max in ms. */
async function delayWhile<T>(work: () => Promise<T>) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // the sampling timer starts on the next turn of the loop: let it, before the work
  await new Promise((resolve) => setTimeout(resolve, 30));
  const result = await work();
  // a loop held by the work records its delay at the next tick
  await new Promise((resolve) => setTimeout(resolve, 50));
  histogram.disable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  return { result, p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'time-limit': { type: 'string' },
      seed: { type: 'string' },
      threads: { type: 'string' },
      'skip-on-loop': { type: 'boolean' },
      'skip-thread-per-core': { type: 'boolean' },
    },
  });
  const timeLimitSeconds = Number(values['time-limit'] ?? 10);
  const seed = Number(values.seed ?? 1);
  const input = countryInput(seed);
  const t0 = performance.now();
  const matrix = await new GreatCircleDistanceProvider({
    circuity: 1.3,
    averageSpeedKmPerHour: 50,
  }).matrix(planningPoints(input));
  const t1 = performance.now();
  const day = new PlanningDay(NOW, PLAN_CONFIG);
  const refill = buildRefillProblem(input, matrix, day, PLAN_CONFIG);
  const t2 = performance.now();
  const options: SolveOptions = {
    timeLimitMs: timeLimitSeconds * 1000,
    noImprovementLimit: 1_000,
    seed: 1,
  };
  const threads = Number(values.threads ?? planningConfig().solverThreads);
  // What the api's event loop suffers while a plan is solved: off it (worker threads), as the
  // planner does, and, for comparison, on it, as it did before.
  const offLoop = await delayWhile(() =>
    solveRoutingInWorkers(refill.problem, { ...options, threads }),
  );
  const result = offLoop.result;
  const t3 = performance.now();
  const plan = refillPlan(input, refill, result.solution, matrix, day, 'bench');
  const violations = checkRoutePlan(plan, input, matrix, refill.row, day);
  const t4 = performance.now();
  // The same loop with nothing solving, for as long: what the machine's own load costs it (on a
  // shared machine most of the figure above), and the solve with one thread per core, as before.
  const idle = await delayWhile(() => new Promise((resolve) => setTimeout(resolve, t3 - t2)));
  const threadPerCore = values['skip-thread-per-core']
    ? undefined
    : await delayWhile(() =>
        solveRoutingInWorkers(refill.problem, { ...options, threads: availableParallelism() }),
      );
  const onLoop = values['skip-on-loop']
    ? undefined
    : await delayWhile(async () => solveRouting(refill.problem, options));
  const unservedCylinders = plan.unserved.reduce((n, u) => n + u.cylinders, 0);
  const wanted = input.hospitals.reduce(
    (n, h) => n + Object.values(h.deliver).reduce((a, b) => a + b, 0),
    0,
  );
  const figures = {
    hospitals: input.hospitals.length,
    producers: input.producers.length,
    vehicles: input.vehicles.length,
    visits: refill.visits.length,
    matrixMs: Math.round(t1 - t0),
    buildMs: Math.round(t2 - t1),
    solveMs: Math.round(t3 - t2),
    solverThreads: threads,
    eventLoopDelayP99Ms: offLoop.p99Ms,
    eventLoopDelayMaxMs: offLoop.maxMs,
    eventLoopDelayP99MsIdle: idle.p99Ms,
    eventLoopDelayP99MsThreadPerCore: threadPerCore?.p99Ms ?? null,
    eventLoopDelayP99MsSolvingOnLoop: onLoop?.p99Ms ?? null,
    solverBestFoundAtMs: Math.round(result.statistics.bestFoundAtMs),
    solverIterations: result.statistics.iterations,
    planAndCheckMs: Math.round(t4 - t3),
    totalMs: Math.round(t4 - t0),
    routes: plan.totals.routes,
    stops: plan.totals.stops,
    distanceKm: plan.totals.distanceKm,
    cylindersWanted: wanted,
    cylindersUnserved: unservedCylinders,
    unservedByReason: plan.unserved.reduce<Record<string, number>>(
      (by, u) => ({ ...by, [u.reason]: (by[u.reason] ?? 0) + u.cylinders }),
      {},
    ),
    violations: violations.length,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
  };
  console.log(
    `planning a generated country (seed ${seed}, solver limit ${timeLimitSeconds} s) on ${cpus().length} × ${cpus()[0]?.model}`,
  );
  for (const [name, value] of Object.entries(figures))
    console.log(`${name.padEnd(22)} ${typeof value === 'object' ? JSON.stringify(value) : value}`);
  // Old (stock shared out before routing) against new (the solver chooses the plants).
  // iteration limits (and time to spare) so that the comparison does not depend on the load
  const compareOptions = { seed: 1, threads, timeLimitMs: 120_000, iterationLimit: 300 };
  const demoOptions = { ...compareOptions, iterationLimit: 3_000 };
  const withoutPlan = ({ plan: _plan, ...figures }: Awaited<ReturnType<typeof planQuality>>) =>
    figures;
  const demoNew = await planQuality(demoInput(), 'solver', demoOptions);
  const comparison = {
    demo: [await planQuality(demoInput(), 'allocation-first', demoOptions), demoNew].map(
      withoutPlan,
    ),
    country: [
      await planQuality(input, 'allocation-first', compareOptions),
      await planQuality(input, 'solver', compareOptions),
    ].map(withoutPlan),
  };
  const demoPlan = describePlan(demoNew.plan);
  console.log(`the demo network's plan (the solver chooses the plants):`);
  for (const line of demoPlan) console.log(`  ${line}`);
  console.log('depot choice: old (allocation first) vs new (the solver chooses the plants)');
  for (const [instance, rows] of Object.entries(comparison)) {
    for (const row of rows) {
      console.log(
        `  ${instance.padEnd(8)} ${row.depotChoice.padEnd(17)} ${String(row.km).padStart(9)} km ` +
          `${String(row.hours).padStart(7)} h  ${row.routes} routes  ${row.cylindersServed} served, ` +
          `${row.cylindersUnserved} unserved  ${row.violations} violations`,
      );
    }
  }
  const out = join(__dirname, '..', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'planning.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        machine: `${cpus().length} × ${cpus()[0]?.model}`,
        seed,
        timeLimitSeconds,
        ...figures,
        depotChoice: comparison,
        demoPlan,
      },
      null,
      2,
    ) + '\n',
  );
  if (violations.length > 0) {
    console.error(violations.slice(0, 10).join('\n'));
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
