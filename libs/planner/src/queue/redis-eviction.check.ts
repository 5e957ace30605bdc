import { Logger } from '@nestjs/common';
import { type Redis, ReplyError } from 'ioredis';

/** Reads one Redis server setting; `undefined` when the server does not know it. */
export type RedisConfigGet = (parameter: string) => Promise<string | undefined>;

export function redisConfigGet(redis: Redis): RedisConfigGet {
  return async (parameter) => {
    const reply = (await redis.config('GET', parameter)) as string[];
    return reply[1];
  };
}

export class RedisEvictionPolicyError extends Error {
  constructor(readonly policy: string) {
    super(
      `Redis maxmemory-policy is '${policy}', but BullMQ needs 'noeviction': under memory ` +
        `pressure Redis would evict queue keys and planning jobs would be lost. Set it with ` +
        `'CONFIG SET maxmemory-policy noeviction' and 'maxmemory-policy noeviction' in ` +
        `redis.conf (on managed Redis, in the instance's parameter group).`,
    );
    this.name = 'RedisEvictionPolicyError';
  }
}

/**
 * Refuses to start the planning queue on a Redis that may evict keys. Managed Redis often
 * forbids CONFIG: then the policy cannot be read, and a warning says so instead.
 */
export async function checkRedisEvictionPolicy(
  configGet: RedisConfigGet,
  logger: Pick<Logger, 'warn'> = new Logger('RedisEvictionCheck'),
): Promise<'noeviction' | 'unchecked'> {
  let policy: string | undefined;
  try {
    policy = await configGet('maxmemory-policy');
  } catch (error) {
    // A ReplyError is Redis refusing the command (NOPERM, renamed or disabled CONFIG);
    // anything else (Redis unreachable) is not ours to excuse.
    if (!(error instanceof ReplyError)) throw error;
    logger.warn(
      `Could not check Redis maxmemory-policy (CONFIG GET refused: ${(error as Error).message}). ` +
        `BullMQ needs maxmemory-policy noeviction; make sure the server is configured so.`,
    );
    return 'unchecked';
  }
  if (policy === undefined) {
    logger.warn(
      'Could not check Redis maxmemory-policy (the server does not report it). ' +
        'BullMQ needs maxmemory-policy noeviction; make sure the server is configured so.',
    );
    return 'unchecked';
  }
  if (policy !== 'noeviction') throw new RedisEvictionPolicyError(policy);
  return 'noeviction';
}
