export * from './app-config';
export * from './config.module';
export * from './ensure-database';
export * from './demo-seed-policy';
