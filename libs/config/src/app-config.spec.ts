import {
  CONFIG_DEFAULTS,
  ConfigError,
  isDevelopmentEnvironment,
  isPlaceholderSecret,
  loadConfig as loadConfigFrom,
} from './app-config';

/** Most cases are about one variable on a developer's machine: NODE_ENV=development unless given. */
function loadConfig(env: NodeJS.ProcessEnv) {
  return loadConfigFrom({ NODE_ENV: 'development', ...env });
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults every value to the local development setup', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/oxyledger',
      redisUrl: 'redis://127.0.0.1:6379',
      eventStore: { kind: 'postgres' },
      logLevel: 'info',
      auth: {
        jwtSecret: CONFIG_DEFAULTS.JWT_SECRET,
        accessTokenTtlSeconds: 900,
        refreshTokenTtlSeconds: 604800,
      },
      ledger: { maxClockSkewSeconds: 300 },
      runs: { projector: true, planner: true, demoSeed: true },
      queuePrefix: 'oxyledger',
      pools: { database: 3, eventStore: 3 },
      shutdownGraceMs: 10_000,
      readiness: { maxProjectionLagSeconds: 60 },
      supplyRefreshSeconds: 300,
    });
  });

  it('reads every variable from the environment', () => {
    expect(
      loadConfig({
        PORT: '8080',
        DATABASE_URL: 'postgresql://app:secret@db.internal:6432/ledger',
        REDIS_URL: 'rediss://cache.internal:6380',
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'kurrentdb://127.0.0.1:2113?tls=false',
        LOG_LEVEL: 'debug',
        JWT_SECRET: 'k'.repeat(40),
        ACCESS_TOKEN_TTL_SECONDS: '300',
        REFRESH_TOKEN_TTL_SECONDS: '86400',
        OCCURRED_AT_MAX_SKEW_SECONDS: '60',
        RUN_PROJECTOR: 'no',
        RUN_PLANNER: '0',
        DEMO_SEED: 'FALSE',
        QUEUE_PREFIX: 'region-7.staging',
        DATABASE_POOL_MAX: '8',
        EVENT_STORE_POOL_MAX: '12',
        SHUTDOWN_GRACE_MS: '25000',
        READY_MAX_PROJECTION_LAG_SECONDS: '5',
      }),
    ).toEqual({
      port: 8080,
      databaseUrl: 'postgresql://app:secret@db.internal:6432/ledger',
      redisUrl: 'rediss://cache.internal:6380',
      eventStore: {
        kind: 'eventstoredb',
        connectionString: 'kurrentdb://127.0.0.1:2113?tls=false',
      },
      logLevel: 'debug',
      auth: {
        jwtSecret: 'k'.repeat(40),
        accessTokenTtlSeconds: 300,
        refreshTokenTtlSeconds: 86400,
      },
      ledger: { maxClockSkewSeconds: 60 },
      runs: { projector: false, planner: false, demoSeed: false },
      queuePrefix: 'region-7.staging',
      pools: { database: 8, eventStore: 12 },
      shutdownGraceMs: 25_000,
      readiness: { maxProjectionLagSeconds: 5 },
      supplyRefreshSeconds: 300,
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['Yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['NO', false],
  ])('reads the switch RUN_PLANNER=%j as %s', (raw, on) => {
    expect(loadConfig({ RUN_PLANNER: raw }).runs.planner).toBe(on);
  });

  it.each(['RUN_PROJECTOR', 'RUN_PLANNER', 'DEMO_SEED'])(
    'refuses a switch %s that is not one of the six words, naming it',
    (name) => {
      expect(problemsOf({ [name]: 'off' })).toEqual([
        `${name}="off": must be one of true, false, 1, 0, yes, no`,
      ]);
    },
  );

  it.each([
    ['DATABASE_POOL_MAX', '0', 'must be a whole number of connections from 1 to 100'],
    ['EVENT_STORE_POOL_MAX', 'many', 'must be a whole number of connections from 1 to 100'],
    ['SHUTDOWN_GRACE_MS', '10s', 'must be a whole number of milliseconds from 100 to 600000'],
    ['READY_MAX_PROJECTION_LAG_SECONDS', '0', 'must be a whole number of seconds, at least 1'],
    [
      'PLANNING_SCHEDULE_CHECK_MS',
      '5',
      'must be a whole number of milliseconds from 100 to 86400000',
    ],
    ['QUEUE_PREFIX', 'a b:c', 'must be 1 to 64 letters, digits, dots, underscores or hyphens'],
  ])('refuses %s=%j naming the variable and the rule', (name, raw, rule) => {
    expect(problemsOf({ [name]: raw })).toEqual([`${name}=${JSON.stringify(raw)}: ${rule}`]);
  });

  it('treats empty and blank values as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '  ' })).toMatchObject({
      port: 3000,
      logLevel: 'info',
    });
  });

  it('accepts port 0 (a free port, for tests)', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it.each(['abc', '-1', '3.5', '65536', '80 80'])('rejects PORT=%j', (port) => {
    expect(problemsOf({ PORT: port })).toEqual([
      `PORT=${JSON.stringify(port)}: must be an integer from 0 to 65535 (0 picks a free port)`,
    ]);
  });

  it('rejects a DATABASE_URL that is not a PostgreSQL URL', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://localhost/oxyledger' })).toEqual([
      'DATABASE_URL="mysql://localhost/oxyledger": must be a URL starting with postgres:// or postgresql://',
    ]);
    expect(problemsOf({ DATABASE_URL: 'not a url' })[0]).toMatch(/^DATABASE_URL=.*must be a URL/);
  });

  it('rejects a DATABASE_URL without a database name', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://127.0.0.1:5432' })).toEqual([
      'DATABASE_URL="postgres://127.0.0.1:5432": must name a database, e.g. postgres://postgres@127.0.0.1:5432/oxyledger',
    ]);
  });

  it('rejects a REDIS_URL that is not a Redis URL', () => {
    expect(problemsOf({ REDIS_URL: '127.0.0.1:6379' })).toEqual([
      'REDIS_URL="127.0.0.1:6379": must be a URL starting with redis:// or rediss://',
    ]);
  });

  it('rejects an unknown EVENT_STORE', () => {
    expect(problemsOf({ EVENT_STORE: 'mongodb' })).toEqual([
      'EVENT_STORE="mongodb": must be one of postgres, eventstoredb',
    ]);
  });

  it('requires EVENTSTORE_CONNECTION_STRING when EVENT_STORE=eventstoredb', () => {
    expect(problemsOf({ EVENT_STORE: 'eventstoredb' })).toEqual([
      'EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb (e.g. kurrentdb://127.0.0.1:2113?tls=false)',
    ]);
  });

  it('accepts every scheme the KurrentDB client does, and nothing else', () => {
    for (const scheme of ['kurrentdb', 'kurrent+discover', 'kdb', 'esdb', 'esdb+discover']) {
      const connectionString = `${scheme}://127.0.0.1:2113?tls=false`;
      expect(
        loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString })
          .eventStore,
      ).toEqual({ kind: 'eventstoredb', connectionString });
    }
    expect(problemsOf({ EVENTSTORE_CONNECTION_STRING: 'http://127.0.0.1:2113' })[0]).toMatch(
      /^EVENTSTORE_CONNECTION_STRING="http:\/\/127.0.0.1:2113": must be a URL starting with kurrentdb:\/\//,
    );
  });

  it('rejects an unknown LOG_LEVEL', () => {
    expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual([
      'LOG_LEVEL="verbose": must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it.each([undefined, '', 'production', 'staging', 'prod', 'Production'])(
    'requires a JWT_SECRET of at least 32 characters when NODE_ENV=%j (not development or test)',
    (nodeEnv) => {
      expect(problemsOf({ NODE_ENV: nodeEnv })).toEqual([
        'JWT_SECRET: required unless NODE_ENV is development or test (at least 32 random characters, e.g. openssl rand -base64 48)',
      ]);
      expect(problemsOf({ NODE_ENV: nodeEnv, JWT_SECRET: 'short' })).toEqual([
        'JWT_SECRET: must be at least 32 characters (e.g. openssl rand -base64 48)',
      ]);
      const secret = 'p'.repeat(32);
      expect(loadConfig({ NODE_ENV: nodeEnv, JWT_SECRET: secret }).auth.jwtSecret).toBe(secret);
    },
  );

  it.each([
    CONFIG_DEFAULTS.JWT_SECRET,
    'change-me-to-a-long-random-secret-of-32-chars-or-more', // docker/compose.yml's
    'changeme-changeme-changeme-changeme',
    'CHANGE_ME_PLEASE_1234567890_abcdefgh',
    'replace-me-with-a-real-secret-value-now',
    'your-secret-key-goes-here-at-least-32',
  ])(
    'refuses the published placeholder %j outside development, naming only the variable',
    (secret) => {
      const problems = problemsOf({ NODE_ENV: 'production', JWT_SECRET: secret });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^JWT_SECRET: is a published placeholder/);
      expect(problems[0]).not.toContain(secret);
    },
  );

  it('lets development and test use the development default, and nothing else', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).auth.jwtSecret).toBe(CONFIG_DEFAULTS.JWT_SECRET);
    expect(
      problemsOf({ NODE_ENV: 'test', JWT_SECRET: 'changeme-changeme-changeme-changeme' }),
    ).toHaveLength(1);
    expect(isDevelopmentEnvironment({ NODE_ENV: ' development ' })).toBe(true);
    expect(isDevelopmentEnvironment({ NODE_ENV: 'dev' })).toBe(false);
    expect(isDevelopmentEnvironment({})).toBe(false);
    expect(isPlaceholderSecret('q8Xr2v...a-real-random-secret-from-openssl-rand')).toBe(false);
  });

  it('rejects a short JWT_SECRET in development too, without echoing it', () => {
    const problems = problemsOf({ JWT_SECRET: 'hunter2' });
    expect(problems).toEqual([
      'JWT_SECRET: must be at least 32 characters (e.g. openssl rand -base64 48)',
    ]);
    expect(problems.join()).not.toContain('hunter2');
  });

  it.each(['0', '-5', '1.5', '15m', '99999999999999999999'])(
    'rejects ACCESS_TOKEN_TTL_SECONDS=%j',
    (ttl) => {
      expect(problemsOf({ ACCESS_TOKEN_TTL_SECONDS: ttl })).toEqual([
        `ACCESS_TOKEN_TTL_SECONDS=${JSON.stringify(ttl)}: must be a whole number of seconds, at least 1`,
      ]);
    },
  );

  it('requires refresh tokens to outlive access tokens', () => {
    expect(
      problemsOf({ ACCESS_TOKEN_TTL_SECONDS: '3600', REFRESH_TOKEN_TTL_SECONDS: '600' }),
    ).toEqual([
      'REFRESH_TOKEN_TTL_SECONDS="600": must be longer than ACCESS_TOKEN_TTL_SECONDS (3600)',
    ]);
  });

  it('reports every invalid variable at once, in a readable message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'x', EVENT_STORE: 'eventstoredb', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      [
        'Invalid configuration:',
        '  - PORT="x": must be an integer from 0 to 65535 (0 picks a free port)',
        '  - LOG_LEVEL="loud": must be one of fatal, error, warn, info, debug, trace, silent',
        '  - EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb (e.g. kurrentdb://127.0.0.1:2113?tls=false)',
      ].join('\n'),
    );
  });
});
