import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyRetention } from './idempotency-retention';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

/** Makes every mutating route honour the `Idempotency-Key` header; forgets answers after the retention. */
@Module({
  providers: [
    IdempotencyStore,
    IdempotencyRetention,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
