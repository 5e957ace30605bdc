export * from './hospital-supply.reader';
export * from './supply-level.watcher';
export * from './supply-levels.module';
