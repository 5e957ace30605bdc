import type { ApiHeaderOptions } from '@nestjs/swagger';

/** The OpenAPI description of `Idempotency-Key`, for `@ApiHeader` on mutating endpoints. */
export const IDEMPOTENCY_API_HEADER: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key returns the original answer and records nothing twice',
};
