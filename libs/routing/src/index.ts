export * from './formats/cvrplib';
export * from './formats/cvrplib-solution';
export * from './checker/check-cvrp-solution';
