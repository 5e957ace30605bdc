import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@oxyledger/config';
import { DataSource } from 'typeorm';
import { appDataSourceOptions, runMigrationsUnderLock } from './app-data-source';

/**
 * TypeORM on `DATABASE_URL` for the platform's non-ledger tables (schema `app`: users, read
 * models). Global: inject `DataSource`, or a repository after `TypeOrmModule.forFeature([...])`
 * (entities are loaded from those). Pending migrations of `migrations.registry.ts` are applied
 * before the application starts; the data source is closed on shutdown.
 */
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [ConfigModule],
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...appDataSourceOptions(config.databaseUrl),
            autoLoadEntities: true,
            // node-postgres pool options: a small pool, and idle connections closed after 10 s.
            extra: { max: config.pools.database, idleTimeoutMillis: 10_000 },
            // A failed connection or migration stops the process with its error at once; the
            // supervisor restarts it (the default would retry 9 times, 3 s apart, silently).
            toRetry: () => false,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            try {
              await runMigrationsUnderLock(dataSource);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
