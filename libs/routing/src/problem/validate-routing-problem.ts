import { type RoutingProblem, RoutingProblemError, type TimeWindow } from './routing-problem';

/** Refuses a problem the solver cannot read, naming the field and the rule it breaks. */
export function validateRoutingProblem(problem: RoutingProblem): void {
  const locations = problem.distance?.length ?? 0;
  if (locations === 0) throw new RoutingProblemError('distance', 'must be a non-empty matrix');
  checkMatrix(problem.distance, 'distance', locations);
  if (problem.duration) checkMatrix(problem.duration, 'duration', locations);
  if (problem.coordinates && problem.coordinates.length !== locations) {
    throw new RoutingProblemError('coordinates', `must have one entry per location (${locations})`);
  }
  const location = (value: number, field: string) => {
    if (!Number.isInteger(value) || value < 0 || value >= locations) {
      throw new RoutingProblemError(field, `must be a location index in 0..${locations - 1}`);
    }
  };
  if (!problem.depots?.length) throw new RoutingProblemError('depots', 'must not be empty');
  problem.depots.forEach((depot, d) => {
    location(depot.location, `depots[${d}].location`);
    if (depot.timeWindow) checkWindow(depot.timeWindow, `depots[${d}].timeWindow`);
  });
  if (!problem.vehicleTypes?.length) {
    throw new RoutingProblemError('vehicleTypes', 'must not be empty');
  }
  const dimensions = problem.vehicleTypes[0].capacity?.length ?? 0;
  if (dimensions === 0) {
    throw new RoutingProblemError('vehicleTypes[0].capacity', 'must have at least one dimension');
  }
  const amounts = (values: number[] | undefined, field: string) => {
    if (!Array.isArray(values) || values.length !== dimensions) {
      throw new RoutingProblemError(
        field,
        `must have ${dimensions} entries, one per load dimension`,
      );
    }
    values.forEach((value, k) => nonNegative(value, `${field}[${k}]`));
  };
  problem.depots.forEach((depot, d) => {
    if (depot.supply !== undefined) amounts(depot.supply, `depots[${d}].supply`);
  });
  problem.vehicleTypes.forEach((type, t) => {
    const field = `vehicleTypes[${t}]`;
    if (!Number.isInteger(type.depot) || type.depot < 0 || type.depot >= problem.depots.length) {
      throw new RoutingProblemError(`${field}.depot`, 'must be an index into depots');
    }
    if (!Number.isInteger(type.count) || type.count < 0) {
      throw new RoutingProblemError(`${field}.count`, 'must be a whole number, 0 or more');
    }
    amounts(type.capacity, `${field}.capacity`);
    if (type.maxDelivery !== undefined) amounts(type.maxDelivery, `${field}.maxDelivery`);
    if (type.maxDuration !== undefined && !(type.maxDuration > 0)) {
      throw new RoutingProblemError(`${field}.maxDuration`, 'must be more than 0');
    }
    if (type.fixedCost !== undefined) nonNegative(type.fixedCost, `${field}.fixedCost`);
    if (type.shift) {
      checkWindow(type.shift, `${field}.shift`);
      const opening = problem.depots[type.depot].timeWindow;
      if (opening && (type.shift[0] > opening[1] || type.shift[1] < opening[0])) {
        throw new RoutingProblemError(`${field}.shift`, "must overlap its depot's time window");
      }
    }
  });
  problem.customers.forEach((customer, c) => {
    const field = `customers[${c}]`;
    location(customer.location, `${field}.location`);
    amounts(customer.delivery, `${field}.delivery`);
    amounts(customer.pickup, `${field}.pickup`);
    if (customer.serviceTime !== undefined) {
      nonNegative(customer.serviceTime, `${field}.serviceTime`);
    }
    if (customer.timeWindow) checkWindow(customer.timeWindow, `${field}.timeWindow`);
    if (customer.unservedPenalty !== undefined) {
      nonNegative(customer.unservedPenalty, `${field}.unservedPenalty`);
    }
  });
  const mustServe = problem.customers.some((customer) => customer.unservedPenalty === undefined);
  if (mustServe && problem.vehicleTypes.every((type) => type.count === 0)) {
    throw new RoutingProblemError(
      'vehicleTypes',
      'no vehicle for the customers that must be served',
    );
  }
}

function checkMatrix(matrix: number[][], field: string, size: number): void {
  matrix.forEach((row, a) => {
    if (!Array.isArray(row) || row.length !== size) {
      throw new RoutingProblemError(
        `${field}[${a}]`,
        `must have ${size} entries (a square matrix)`,
      );
    }
    row.forEach((value, b) => nonNegative(value, `${field}[${a}][${b}]`));
  });
}

function checkWindow(window: TimeWindow, field: string): void {
  const [earliest, latest] = window;
  if (!Number.isFinite(earliest) || !Number.isFinite(latest) || earliest > latest) {
    throw new RoutingProblemError(field, 'must be [earliest, latest] with earliest ≤ latest');
  }
}

function nonNegative(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RoutingProblemError(field, 'must be a finite number, 0 or more');
  }
}
