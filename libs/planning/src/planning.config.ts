import { defaultSolverThreads } from '@oxyledger/routing';

/** How the planner plans; every value from the environment, with errors naming the variable. */
export interface PlanningConfig {
  /** Drivers' working hours, local time, e.g. `06:00-20:00`. */
  shift: { starts: string; ends: string };
  /** Local time's offset from UTC in minutes (Iraq: +180). */
  utcOffsetMinutes: number;
  solverTimeLimitSeconds: number;
  /**
   * Solving threads per planning run (each from its own seed; the best plan wins). By default one
   * per core but one (at least one), so the process's event loop keeps a core.
   */
  solverThreads: number;
  /** Minutes to load the truck at the plant before it can leave. */
  loadingMinutes: number;
  /** Minutes at a stop: a fixed part and a part per cylinder handled. */
  serviceMinutes: number;
  serviceMinutesPerCylinder: number;
  roadCircuity: number;
  averageSpeedKmPerHour: number;
  osrmUrl: string | undefined;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export function planningConfig(env: NodeJS.ProcessEnv = process.env): PlanningConfig {
  const number = (name: string, fallback: number, low: number, high: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < low || value > high) {
      throw new Error(`${name}="${raw}": must be a number from ${low} to ${high}`);
    }
    return value;
  };
  const shift = env.PLANNING_SHIFT ?? '06:00-20:00';
  const [starts, ends] = shift.split('-');
  if (!CLOCK.test(starts ?? '') || !CLOCK.test(ends ?? '') || starts >= ends) {
    throw new Error(`PLANNING_SHIFT="${shift}": must be HH:MM-HH:MM with the start before the end`);
  }
  return {
    shift: { starts, ends },
    utcOffsetMinutes: number('PLANNING_UTC_OFFSET_MINUTES', 180, -720, 840),
    solverTimeLimitSeconds: number('PLANNING_TIME_LIMIT_SECONDS', 5, 0.1, 600),
    solverThreads: Math.floor(number('PLANNING_SOLVER_THREADS', defaultSolverThreads(), 1, 64)),
    loadingMinutes: number('PLANNING_LOADING_MINUTES', 30, 0, 240),
    serviceMinutes: number('PLANNING_SERVICE_MINUTES', 15, 0, 240),
    serviceMinutesPerCylinder: number('PLANNING_SERVICE_MINUTES_PER_CYLINDER', 0.5, 0, 60),
    roadCircuity: number('PLANNING_ROAD_CIRCUITY', 1.3, 1, 5),
    averageSpeedKmPerHour: number('PLANNING_AVERAGE_SPEED_KMH', 50, 5, 150),
    osrmUrl: env.OSRM_URL || undefined,
  };
}
