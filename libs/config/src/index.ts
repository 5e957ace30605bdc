export * from './app-config';
export * from './config.module';
export * from './ensure-database';
export * from './config-variables';
export * from './graceful-exit';
export * from './heartbeat';
export * from './demo-seed-policy';
