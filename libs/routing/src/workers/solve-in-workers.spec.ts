import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RoutingProblem } from '../problem/routing-problem';
import { RoutingProblemError } from '../problem/routing-problem';
import { solveRouting } from '../solve-routing';
import { checkRoutingSolution } from '../checker/check-routing-solution';
import { solveRoutingInWorkers } from './solve-in-workers';

/** 40 customers on a ring of clusters around one depot; trucks of 10. */
function ringProblem(): RoutingProblem {
  const points: [number, number][] = [[0, 0]];
  for (let k = 0; k < 40; k++) {
    const angle = (2 * Math.PI * k) / 40;
    const radius = 20 + (k % 5) * 7;
    points.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
  }
  const distance = points.map(([ax, ay]) => points.map(([bx, by]) => Math.hypot(ax - bx, ay - by)));
  return {
    distance,
    depots: [{ location: 0 }],
    coordinates: points.map(([x, y]) => ({ x, y })),
    vehicleTypes: [{ depot: 0, count: 10, capacity: [10] }],
    customers: points.slice(1).map((_, k) => ({
      location: k + 1,
      delivery: [1 + (k % 3)],
      pickup: [0],
    })),
  };
}

describe('solveRoutingInWorkers', () => {
  const problem = ringProblem();
  const limits = { timeLimitMs: 60_000, iterationLimit: 150, seed: 3 };

  it('gives on one thread exactly the plan solveRouting gives for the seed', async () => {
    const inThread = await solveRoutingInWorkers(problem, { ...limits, threads: 1 });
    const direct = solveRouting(problem, limits);
    expect(inThread.solution).toEqual(direct.solution);
    expect(inThread.statistics.iterations).toBe(150);
    expect(inThread.statistics.threads).toBe(1);
  });

  it('gives the same plan again for the same seed and thread count, feasible for the checker', async () => {
    const first = await solveRoutingInWorkers(problem, { ...limits, threads: 2 });
    const second = await solveRoutingInWorkers(problem, { ...limits, threads: 2 });
    expect(second.solution).toEqual(first.solution);
    expect(first.statistics.threads).toBe(2);
    const check = checkRoutingSolution(problem, first.solution);
    expect(check.violations).toEqual([]);
    expect(first.solution.cost).toBeCloseTo(check.cost, 6);
  });

  it('gives one plan for a seed and three threads, each trading with both others', async () => {
    // a trade every 100 offspring on this size: three trades, the last two taking offers
    const longer = { ...limits, iterationLimit: 320, threads: 3 };
    const first = await solveRoutingInWorkers(problem, longer);
    const second = await solveRoutingInWorkers(problem, longer);
    expect(second.solution).toEqual(first.solution);
    expect(first.statistics.iterations).toBe(3 * 320);
    expect(checkRoutingSolution(problem, first.solution).violations).toEqual([]);
  });

  it('keeps the event loop free while it solves', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await solveRoutingInWorkers(problem, { timeLimitMs: 1_000, seed: 1, threads: 1 });
    delay.disable();
    // a solve on this thread would hold it for the whole second
    expect(delay.max / 1e6).toBeLessThan(500);
  });

  it('reports improvements as they are found, each better than the last', async () => {
    const costs: number[] = [];
    const { solution } = await solveRoutingInWorkers(problem, {
      ...limits,
      threads: 2,
      onImprovement: ({ cost }) => costs.push(cost),
    });
    expect(costs.length).toBeGreaterThan(0);
    costs.slice(1).forEach((cost, k) => expect(cost).toBeLessThan(costs[k]));
    expect(costs.at(-1)).toBeCloseTo(solution.cost, 6);
  });

  it('rejects with the RoutingProblemError the solving thread raised', async () => {
    const broken = { ...problem, depots: [{ location: 99 }] };
    const failure = solveRoutingInWorkers(broken, { ...limits, threads: 1 });
    await expect(failure).rejects.toBeInstanceOf(RoutingProblemError);
    await expect(failure).rejects.toMatchObject({ field: 'depots[0].location' });
  });

  it('stops the threads and rejects with the reason when aborted', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const solving = solveRoutingInWorkers(problem, {
      timeLimitMs: 30_000,
      seed: 1,
      threads: 2,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('shift cancelled')), 300);
    await expect(solving).rejects.toThrow('shift cancelled');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses a thread count that is not a whole number of at least one', async () => {
    await expect(solveRoutingInWorkers(problem, { threads: 0 })).rejects.toMatchObject({
      field: 'threads',
    });
  });
});
