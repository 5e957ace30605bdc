export * from './command-context';
export * from './hospital-demand.loader';
export * from './ledger-store';
export * from './ledger-store.module';
export * from './plant.loader';
