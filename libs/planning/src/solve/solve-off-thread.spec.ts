import { checkRoutingSolution, type RoutingProblem } from '@oxyledger/routing';
import { solveOffThread } from './solve-off-thread';

/** 40 customers on a ring around one depot, two trucks of 60: a few seconds of real search. */
function ringProblem(): RoutingProblem {
  const points = [{ x: 0, y: 0 }];
  for (let k = 0; k < 40; k++) {
    const angle = (2 * Math.PI * k) / 40;
    points.push({ x: Math.round(100 * Math.cos(angle)), y: Math.round(100 * Math.sin(angle)) });
  }
  const distance = points.map((a) => points.map((b) => Math.hypot(a.x - b.x, a.y - b.y)));
  return {
    distance,
    depots: [{ location: 0 }],
    vehicleTypes: [{ depot: 0, count: 2, capacity: [60] }],
    customers: points.slice(1).map((_, k) => ({ location: k + 1, delivery: [3], pickup: [0] })),
  };
}

describe('solving off the event loop', () => {
  it('returns a plan the independent checker accepts, while the event loop keeps turning', async () => {
    const problem = ringProblem();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    try {
      const result = await solveOffThread(problem, { timeLimitMs: 1_500, threads: 1, seed: 3 });
      const check = checkRoutingSolution(problem, result.solution);
      expect(check.violations).toEqual([]);
      expect(result.solution.unserved).toEqual([]);
      // solving on this thread would have let no timer fire until it returned
      expect(ticks).toBeGreaterThan(5);
    } finally {
      clearInterval(ticker);
    }
  });

  it('with several threads keeps the best of their plans, and the same seeds give the same plan', async () => {
    const problem = ringProblem();
    const options = { timeLimitMs: 60_000, iterationLimit: 200, threads: 2, seed: 1 };
    const [first, again] = [
      await solveOffThread(problem, options),
      await solveOffThread(problem, options),
    ];
    expect(again.solution).toEqual(first.solution);
    const single = await Promise.all(
      [1, 2].map((seed) => solveOffThread(problem, { ...options, threads: 1, seed })),
    );
    expect(first.solution.cost).toBe(Math.min(...single.map((r) => r.solution.cost)));
  });

  it("hands back the solver's refusal of a bad problem with its name and message", async () => {
    const problem = { ...ringProblem(), vehicleTypes: [] };
    await expect(solveOffThread(problem, { threads: 1 })).rejects.toMatchObject({
      name: 'RoutingProblemError',
      message: expect.stringMatching(/vehicleTypes/),
    });
  });
});
