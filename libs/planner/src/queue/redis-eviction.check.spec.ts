import { Redis, ReplyError } from 'ioredis';
import {
  checkRedisEvictionPolicy,
  redisConfigGet,
  RedisEvictionPolicyError,
} from './redis-eviction.check';

describe('checkRedisEvictionPolicy', () => {
  let redis: Redis;
  const logger = { warn: jest.fn() };

  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });

  afterAll(async () => {
    await redis.quit();
  });

  beforeEach(() => logger.warn.mockReset());

  it('accepts the test Redis, which runs with noeviction', async () => {
    await expect(checkRedisEvictionPolicy(redisConfigGet(redis), logger)).resolves.toBe(
      'noeviction',
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('refuses any other policy, saying what BullMQ needs, what the server has and how to set it', async () => {
    const check = checkRedisEvictionPolicy(async () => 'allkeys-lru', logger);

    await expect(check).rejects.toBeInstanceOf(RedisEvictionPolicyError);
    await expect(check).rejects.toThrow(
      /maxmemory-policy is 'allkeys-lru', but BullMQ needs 'noeviction'.*CONFIG SET maxmemory-policy noeviction/,
    );
  });

  it('warns, and lets the queue start, when the server refuses CONFIG (managed Redis)', async () => {
    const refused = async () => {
      throw new ReplyError(
        "NOPERM User default has no permissions to run the 'config|get' command",
      );
    };

    await expect(checkRedisEvictionPolicy(refused, logger)).resolves.toBe('unchecked');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/Could not check Redis maxmemory-policy.*NOPERM.*noeviction/),
    );
  });

  it('does not excuse a Redis it cannot reach', async () => {
    const unreachable = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6390');
    };

    await expect(checkRedisEvictionPolicy(unreachable, logger)).rejects.toThrow('ECONNREFUSED');
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
