import { availableParallelism } from 'node:os';
import { defaultSolverThreads } from '@oxyledger/routing';
import { planningConfig } from './planning.config';

describe('planningConfig: solver threads', () => {
  it('leaves one core to the event loop by default, and never goes below one thread', () => {
    expect(defaultSolverThreads(1)).toBe(1);
    expect(defaultSolverThreads(2)).toBe(1);
    expect(defaultSolverThreads(8)).toBe(7);
    expect(planningConfig({}).solverThreads).toBe(Math.max(1, availableParallelism() - 1));
  });

  it('takes PLANNING_SOLVER_THREADS when set, and names it when it is out of range', () => {
    expect(planningConfig({ PLANNING_SOLVER_THREADS: '3' }).solverThreads).toBe(3);
    expect(() => planningConfig({ PLANNING_SOLVER_THREADS: '0' })).toThrow(
      /PLANNING_SOLVER_THREADS="0": must be a number from 1 to 64/,
    );
  });
});
