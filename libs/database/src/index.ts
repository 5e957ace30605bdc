export * from './app-data-source';
export * from './database.module';
export * from './migrations.registry';
