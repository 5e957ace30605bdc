/** The planner's settings (`PlanningConfig`), read once at start-up. */
export const PLANNING_CONFIG = Symbol('PLANNING_CONFIG');
