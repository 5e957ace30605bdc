export * from './event-store.port';
export * from './event-store.errors';
export * from './create-event-store';
export * from './event-store.module';
export * from './deterministic-id';
