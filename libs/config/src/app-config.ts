/**
 * The platform's configuration, read once from the environment at start-up. Every value has a
 * default that works on a developer machine; an invalid value stops the process with a message
 * naming the variable and the rule it breaks.
 */

export const EVENT_STORE_KINDS = ['postgres', 'eventstoredb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  /** HTTP port of the api; 0 picks a free one. */
  port: number;
  /** PostgreSQL: the ledger (when `eventStore.kind` is `postgres`) and the read models. */
  databaseUrl: string;
  /** Redis, for BullMQ. */
  redisUrl: string;
  eventStore: {
    kind: EventStoreKind;
    /** EventStoreDB/KurrentDB connection string; required when `kind` is `eventstoredb`. */
    connectionString?: string;
  };
  logLevel: LogLevel;
  auth: {
    /** Signs access and refresh tokens (each with its own key derived from it). */
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
  };
  ledger: {
    /**
     * How far ahead of the server's clock a device's `occurredAt` may be (its clock running
     * fast); later is refused.
     */
    maxClockSkewSeconds: number;
  };
  /** What the api process runs besides HTTP (the projector and planner apps ignore these). */
  runs: { projector: boolean; planner: boolean; demoSeed: boolean };
  /** Namespaces the BullMQ keys in Redis. */
  queuePrefix: string;
  /** PostgreSQL connections per process: see the connection budget in README.md. */
  pools: { database: number; eventStore: number };
  /** On SIGTERM, how long in-flight work may take before the process exits anyway. */
  shutdownGraceMs: number;
  readiness: { maxProjectionLagSeconds: number };
  /** How often the owner of the supply levels recomputes every hospital's stored status. */
  supplyRefreshSeconds: number;
  /** Touched every few seconds by the projector and planner, for a container health check. */
  heartbeatFile?: string;
}

export const CONFIG_DEFAULTS = {
  PORT: '3000',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/oxyledger',
  REDIS_URL: 'redis://127.0.0.1:6379',
  EVENT_STORE: 'postgres',
  LOG_LEVEL: 'info',
  /**
   * Only when NODE_ENV is explicitly `development` or `test`; anywhere else JWT_SECRET must be
   * set, and this value (published in the source) is refused.
   */
  JWT_SECRET: 'oxyledger-development-secret-not-for-production',
  ACCESS_TOKEN_TTL_SECONDS: '900',
  REFRESH_TOKEN_TTL_SECONDS: '604800',
  OCCURRED_AT_MAX_SKEW_SECONDS: '300',
  RUN_PROJECTOR: 'true',
  RUN_PLANNER: 'true',
  DEMO_SEED: 'true',
  QUEUE_PREFIX: 'oxyledger',
  DATABASE_POOL_MAX: '3',
  EVENT_STORE_POOL_MAX: '3',
  SHUTDOWN_GRACE_MS: '10000',
  READY_MAX_PROJECTION_LAG_SECONDS: '60',
  SUPPLY_REFRESH_SECONDS: '300',
  PLANNING_SCHEDULE_CHECK_MS: '60000',
} as const;

/** Shorter secrets can be brute-forced offline from a single token (HS256). */
export const MIN_JWT_SECRET_LENGTH = 32;

/** Environments where the published development defaults (secret, demo seed) may be used. */
export const DEVELOPMENT_ENVIRONMENTS = ['development', 'test'] as const;

/**
 * True only when NODE_ENV is explicitly `development` or `test`: an unset or misspelt
 * NODE_ENV (`prod`, `staging`, `Production`) gets production's rules, never the demo's.
 */
export function isDevelopmentEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  return (DEVELOPMENT_ENVIRONMENTS as readonly string[]).includes(env.NODE_ENV?.trim() ?? '');
}

/**
 * Secrets published somewhere (this source, docker/compose.yml, tutorials): whoever reads them
 * can sign tokens. Compared after lower-casing and dropping everything but letters and digits.
 */
const PLACEHOLDER_SECRET_FRAGMENTS = [
  'changeme',
  'changethis',
  'replaceme',
  'yoursecret',
  'secretkey',
  'notforproduction',
  'placeholder',
  'examplesecret',
  'supersecret',
];

export function isPlaceholderSecret(secret: string): boolean {
  const normalised = secret.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    secret === CONFIG_DEFAULTS.JWT_SECRET ||
    PLACEHOLDER_SECRET_FRAGMENTS.some((fragment) => normalised.includes(fragment))
  );
}

/** Schemes the KurrentDB client accepts (the `esdb` ones are deprecated but still work). */
const EVENTSTORE_SCHEMES = [
  'kurrentdb',
  'kurrentdb+discover',
  'kurrent',
  'kurrent+discover',
  'kdb',
  'kdb+discover',
  'esdb',
  'esdb+discover',
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration, reporting every invalid variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];

  /** The variable's value (or its default) parsed; on a broken rule, records it. */
  function read<T>(
    name: string,
    fallback: string | undefined,
    parse: (raw: string) => T,
    { secret = false } = {},
  ) {
    const raw = env[name]?.trim() || fallback; // empty counts as unset
    if (raw === undefined) return undefined;
    try {
      return parse(raw);
    } catch (error) {
      // A secret's value never goes into a message (messages end up in logs).
      problems.push(
        `${secret ? name : `${name}=${JSON.stringify(raw)}`}: ${(error as Error).message}`,
      );
      return undefined;
    }
  }

  const port = read('PORT', CONFIG_DEFAULTS.PORT, parsePort);
  const databaseUrl = read('DATABASE_URL', CONFIG_DEFAULTS.DATABASE_URL, (raw) =>
    parseUrl(raw, ['postgres', 'postgresql'], { needsPath: true }),
  );
  const redisUrl = read('REDIS_URL', CONFIG_DEFAULTS.REDIS_URL, (raw) =>
    parseUrl(raw, ['redis', 'rediss']),
  );
  const kind = read('EVENT_STORE', CONFIG_DEFAULTS.EVENT_STORE, (raw) =>
    oneOf(raw, EVENT_STORE_KINDS),
  );
  const connectionString = read('EVENTSTORE_CONNECTION_STRING', undefined, (raw) =>
    parseUrl(raw, EVENTSTORE_SCHEMES),
  );
  const logLevel = read('LOG_LEVEL', CONFIG_DEFAULTS.LOG_LEVEL, (raw) => oneOf(raw, LOG_LEVELS));
  const development = isDevelopmentEnvironment(env);
  const jwtSecret = read(
    'JWT_SECRET',
    development ? CONFIG_DEFAULTS.JWT_SECRET : undefined,
    (raw) => parseSecret(raw, development),
    { secret: true },
  );
  const accessTokenTtlSeconds = read(
    'ACCESS_TOKEN_TTL_SECONDS',
    CONFIG_DEFAULTS.ACCESS_TOKEN_TTL_SECONDS,
    parseSeconds,
  );
  const refreshTokenTtlSeconds = read(
    'REFRESH_TOKEN_TTL_SECONDS',
    CONFIG_DEFAULTS.REFRESH_TOKEN_TTL_SECONDS,
    parseSeconds,
  );
  const maxClockSkewSeconds = read(
    'OCCURRED_AT_MAX_SKEW_SECONDS',
    CONFIG_DEFAULTS.OCCURRED_AT_MAX_SKEW_SECONDS,
    parseSeconds,
  );

  const runs = {
    projector: read('RUN_PROJECTOR', CONFIG_DEFAULTS.RUN_PROJECTOR, parseSwitch),
    planner: read('RUN_PLANNER', CONFIG_DEFAULTS.RUN_PLANNER, parseSwitch),
    demoSeed: read('DEMO_SEED', CONFIG_DEFAULTS.DEMO_SEED, parseSwitch),
  };
  const queuePrefix = read('QUEUE_PREFIX', CONFIG_DEFAULTS.QUEUE_PREFIX, parseQueuePrefix);
  const pools = {
    database: read('DATABASE_POOL_MAX', CONFIG_DEFAULTS.DATABASE_POOL_MAX, (raw) =>
      parseWhole(raw, 1, 100, 'connections'),
    ),
    eventStore: read('EVENT_STORE_POOL_MAX', CONFIG_DEFAULTS.EVENT_STORE_POOL_MAX, (raw) =>
      parseWhole(raw, 1, 100, 'connections'),
    ),
  };
  const shutdownGraceMs = read('SHUTDOWN_GRACE_MS', CONFIG_DEFAULTS.SHUTDOWN_GRACE_MS, (raw) =>
    parseWhole(raw, 100, 600_000, 'milliseconds'),
  );
  const maxProjectionLagSeconds = read(
    'READY_MAX_PROJECTION_LAG_SECONDS',
    CONFIG_DEFAULTS.READY_MAX_PROJECTION_LAG_SECONDS,
    parseSeconds,
  );
  const supplyRefreshSeconds = read(
    'SUPPLY_REFRESH_SECONDS',
    CONFIG_DEFAULTS.SUPPLY_REFRESH_SECONDS,
    parseSeconds,
  );
  const heartbeatFile = read('HEARTBEAT_FILE', undefined, (raw) => {
    if (!raw.startsWith('/')) throw new Error('must be an absolute path');
    return raw;
  });
  // Read by the planning schedule itself; checked here so a typo stops start-up at once.
  read('PLANNING_SCHEDULE_CHECK_MS', CONFIG_DEFAULTS.PLANNING_SCHEDULE_CHECK_MS, (raw) =>
    parseWhole(raw, 100, 86_400_000, 'milliseconds'),
  );

  if (kind === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING?.trim()) {
    problems.push(
      'EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb ' +
        '(e.g. kurrentdb://127.0.0.1:2113?tls=false)',
    );
  }
  if (!development && !env.JWT_SECRET?.trim()) {
    problems.push(
      `JWT_SECRET: required unless NODE_ENV is development or test (at least ${MIN_JWT_SECRET_LENGTH} random characters, e.g. openssl rand -base64 48)`,
    );
  }
  if (
    accessTokenTtlSeconds !== undefined &&
    refreshTokenTtlSeconds !== undefined &&
    refreshTokenTtlSeconds <= accessTokenTtlSeconds
  ) {
    problems.push(
      `REFRESH_TOKEN_TTL_SECONDS=${JSON.stringify(String(refreshTokenTtlSeconds))}: must be longer than ACCESS_TOKEN_TTL_SECONDS (${accessTokenTtlSeconds})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: port!,
    databaseUrl: databaseUrl!,
    redisUrl: redisUrl!,
    eventStore: { kind: kind!, ...(connectionString && { connectionString }) },
    logLevel: logLevel!,
    auth: {
      jwtSecret: jwtSecret!,
      accessTokenTtlSeconds: accessTokenTtlSeconds!,
      refreshTokenTtlSeconds: refreshTokenTtlSeconds!,
    },
    ledger: { maxClockSkewSeconds: maxClockSkewSeconds! },
    runs: { projector: runs.projector!, planner: runs.planner!, demoSeed: runs.demoSeed! },
    queuePrefix: queuePrefix!,
    pools: { database: pools.database!, eventStore: pools.eventStore! },
    shutdownGraceMs: shutdownGraceMs!,
    readiness: { maxProjectionLagSeconds: maxProjectionLagSeconds! },
    supplyRefreshSeconds: supplyRefreshSeconds!,
    ...(heartbeatFile && { heartbeatFile }),
  };
}

function parsePort(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new Error('must be an integer from 0 to 65535 (0 picks a free port)');
  }
  return Number(raw);
}

function parseUrl(raw: string, schemes: string[], { needsPath = false } = {}): string {
  const rule = `must be a URL starting with ${schemes.map((scheme) => `${scheme}://`).join(' or ')}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(rule);
  }
  if (!schemes.includes(url.protocol.slice(0, -1))) throw new Error(rule);
  if (needsPath && url.pathname.length <= 1) {
    throw new Error('must name a database, e.g. postgres://postgres@127.0.0.1:5432/oxyledger');
  }
  return raw;
}

function parseSecret(raw: string, development: boolean): string {
  if (raw.length < MIN_JWT_SECRET_LENGTH) {
    throw new Error(
      `must be at least ${MIN_JWT_SECRET_LENGTH} characters (e.g. openssl rand -base64 48)`,
    );
  }
  if (development && raw === CONFIG_DEFAULTS.JWT_SECRET) return raw;
  if (isPlaceholderSecret(raw)) {
    throw new Error(
      'is a published placeholder (the development default, the compose file\'s, "changeme", ...): ' +
        'anyone could sign tokens with it; use a random one (openssl rand -base64 48)',
    );
  }
  return raw;
}

function parseSeconds(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new Error('must be a whole number of seconds, at least 1');
  }
  return Number(raw);
}

const SWITCH_VALUES: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  false: false,
  '0': false,
  no: false,
};

/** An on/off setting: anything but these six words is refused, so `no` can never mean on. */
export function parseSwitch(raw: string): boolean {
  const value = SWITCH_VALUES[raw.toLowerCase()];
  if (value === undefined) throw new Error('must be one of true, false, 1, 0, yes, no');
  return value;
}

function parseWhole(raw: string, low: number, high: number, unit: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < low || Number(raw) > high) {
    throw new Error(`must be a whole number of ${unit} from ${low} to ${high}`);
  }
  return Number(raw);
}

function parseQueuePrefix(raw: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(raw)) {
    throw new Error('must be 1 to 64 letters, digits, dots, underscores or hyphens');
  }
  return raw;
}

function oneOf<T extends string>(raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}
