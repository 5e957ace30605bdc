import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@oxyledger/config';
import { createEventStore } from './create-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';

/**
 * Makes the configured `EventStore` injectable everywhere as `@Inject(EVENT_STORE)`; the store
 * is connected when the application starts and closed when it shuts down.
 */
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      imports: [ConfigModule],
      providers: [
        {
          provide: EVENT_STORE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): Promise<EventStore> =>
            createEventStore({
              kind: config.eventStore.kind,
              databaseUrl: config.databaseUrl,
              eventStoreConnectionString: config.eventStore.connectionString,
              maxConnections: config.pools.eventStore,
            }),
        },
      ],
      exports: [EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('Event store closed');
  }
}
