export * from './formats/cvrplib';
export * from './formats/cvrplib-solution';
export * from './checker/check-cvrp-solution';
export * from './solver/savings';
export * from './solver/cvrp';
export * from './problem/routing-problem';
export * from './problem/validate-routing-problem';
export * from './solve-routing';
