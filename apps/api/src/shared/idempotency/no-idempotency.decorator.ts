import { SetMetadata } from '@nestjs/common';

export const NO_IDEMPOTENCY = 'oxyledger:no-idempotency';

/**
 * On a controller or route: `Idempotency-Key` is ignored and no answer is stored — for answers
 * that hold credentials (tokens), which must never sit in the idempotency table.
 */
export const NoIdempotency = () => SetMetadata(NO_IDEMPOTENCY, true);
