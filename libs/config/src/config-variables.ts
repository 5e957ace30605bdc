/**
 * Every environment variable the platform reads, with its default and meaning: the source of
 * the README's configuration table (`npm run docs:config` writes it; a test fails when they
 * differ) and of the deployment files' check (docker/compose.yml may set only these).
 */
export interface ConfigVariable {
  name: string;
  /** As the README shows it: a literal in backticks, or words. */
  default: string;
  meaning: string;
}

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'PORT', default: '`3000`', meaning: 'HTTP port of the api (0 picks a free one)' },
  {
    name: 'DATABASE_URL',
    default: '`postgres://postgres@127.0.0.1:5432/oxyledger`',
    meaning:
      'PostgreSQL: read models, and the ledger when `EVENT_STORE=postgres`; created if missing',
  },
  {
    name: 'DATABASE_POOL_MAX',
    default: '`3`',
    meaning: 'connections of the read-model pool (TypeORM) per process, 1–100; see Scaling out',
  },
  {
    name: 'EVENT_STORE_POOL_MAX',
    default: '`3`',
    meaning: 'connections of the ledger pool per process (`EVENT_STORE=postgres`), 1–100',
  },
  {
    name: 'REDIS_URL',
    default: '`redis://127.0.0.1:6379`',
    meaning: 'Redis, for the BullMQ queues',
  },
  {
    name: 'EVENT_STORE',
    default: '`postgres`',
    meaning: 'event store adapter: `postgres` or `eventstoredb`',
  },
  {
    name: 'EVENTSTORE_CONNECTION_STRING',
    default: '—',
    meaning:
      'EventStoreDB/KurrentDB, e.g. `kurrentdb://127.0.0.1:2113?tls=false`; required with `eventstoredb`',
  },
  {
    name: 'LOG_LEVEL',
    default: '`info`',
    meaning: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent` (JSON logs, pino)',
  },
  {
    name: 'NODE_ENV',
    default: '—',
    meaning: '`production` refuses the development `JWT_SECRET`',
  },
  {
    name: 'JWT_SECRET',
    default: 'a development secret (refused when `NODE_ENV=production`)',
    meaning: 'signs access and refresh tokens; at least 32 characters',
  },
  {
    name: 'ACCESS_TOKEN_TTL_SECONDS',
    default: '`900`',
    meaning: 'lifetime of an access token',
  },
  {
    name: 'REFRESH_TOKEN_TTL_SECONDS',
    default: '`604800`',
    meaning: "lifetime of a refresh token; longer than the access token's",
  },
  {
    name: 'DEMO_SEED',
    default: '`true`',
    meaning: '`false`: do not seed the demo network into an empty platform',
  },
  {
    name: 'RUN_PROJECTOR',
    default: '`true`',
    meaning: '`false`: the api does not keep the read models (run `apps/projector` instead)',
  },
  {
    name: 'RUN_PLANNER',
    default: '`true`',
    meaning: '`false`: the api runs no planning worker or schedule (run `apps/planner` instead)',
  },
  {
    name: 'QUEUE_PREFIX',
    default: '`oxyledger`',
    meaning: "prefix of the BullMQ queues' keys in Redis (letters, digits, `.`, `_`, `-`)",
  },
  {
    name: 'SHUTDOWN_GRACE_MS',
    default: '`10000`',
    meaning: 'on SIGTERM: how long in-flight work may take before the process exits anyway',
  },
  {
    name: 'READY_MAX_PROJECTION_LAG_SECONDS',
    default: '`60`',
    meaning: '`/health/ready` answers 503 while a projection is further behind than this',
  },
  {
    name: 'HEARTBEAT_FILE',
    default: '—',
    meaning: 'projector and planner: a file touched every 5 s, for container health checks',
  },
  {
    name: 'IDEMPOTENCY_RETENTION_DAYS',
    default: '`7`',
    meaning: 'stored answers to `Idempotency-Key` requests are forgotten after this many days',
  },
  {
    name: 'IDEMPOTENCY_TEST_FAULT',
    default: '—',
    meaning:
      'tests only (ignored unless `NODE_ENV=test`): `after-effect` fails keyed requests after their effect',
  },
  {
    name: 'WEB_ROOT',
    default: '`apps/web/dist`',
    meaning: 'where the api finds the built web app it serves at `/`',
  },
  {
    name: 'PLANNING_EVERY_MINUTES',
    default: '`15`',
    meaning: 'scheduled planning: 1–59, or whole hours; a cron pattern is made from it',
  },
  {
    name: 'PLANNING_SCHEDULE_PATTERN',
    default: '—',
    meaning: 'any cron pattern (6 fields for seconds), instead of the above',
  },
  {
    name: 'PLANNING_RETRY_DELAY_MS',
    default: '`5000`',
    meaning: 'first retry delay of a failed planning run (exponential, 3 attempts)',
  },
  {
    name: 'PLANNING_TIME_LIMIT_SECONDS',
    default: '`5`',
    meaning:
      "the routing solver's time per planning run; the job lock is derived from it (see Refill planning)",
  },
  {
    name: 'PLANNING_SOLVER_THREADS',
    default: 'one per core',
    meaning: 'worker threads a planning run solves in (1–64), off the event loop',
  },
  {
    name: 'PLANNING_LOADING_MINUTES',
    default: '`30`',
    meaning:
      'loading at the plant: no truck leaves earlier than this after the shift starts (or after planning)',
  },
  {
    name: 'PLANNING_SCHEDULE_CHECK_MS',
    default: '`60000`',
    meaning: 'how often a planner checks the schedule is still in Redis, and puts it back if not',
  },
  {
    name: 'PLANNING_SHIFT',
    default: '`06:00-20:00`',
    meaning: "drivers' working hours, local time; every route starts and ends within it",
  },
  {
    name: 'PLANNING_UTC_OFFSET_MINUTES',
    default: '`180`',
    meaning: "local time's offset from UTC, for shifts and receiving hours (Iraq: +180)",
  },
  {
    name: 'PLANNING_SERVICE_MINUTES',
    default: '`15`',
    meaning: 'minutes at each stop, plus `PLANNING_SERVICE_MINUTES_PER_CYLINDER` per cylinder',
  },
  {
    name: 'PLANNING_SERVICE_MINUTES_PER_CYLINDER',
    default: '`0.5`',
    meaning: 'minutes at a stop per cylinder handled',
  },
  {
    name: 'PLANNING_ROAD_CIRCUITY',
    default: '`1.3`',
    meaning: 'road km per straight-line km, for the default distance estimate',
  },
  {
    name: 'PLANNING_AVERAGE_SPEED_KMH',
    default: '`50`',
    meaning: 'average driving speed, for the default travel-time estimate',
  },
  {
    name: 'OSRM_URL',
    default: '—',
    meaning:
      'an OSRM server: road distances and times from its table service instead of the estimate',
  },
  {
    name: 'OCCURRED_AT_MAX_SKEW_SECONDS',
    default: '`300`',
    meaning:
      "how far ahead of the server's clock a device's `occurredAt` may be; later is refused (422)",
  },
  {
    name: 'TEST_DATABASE_URL',
    default: '`postgres://postgres@127.0.0.1:5432/oxyledger_test`',
    meaning: "tests only: the database they use; never the application's",
  },
];

/** The README's configuration table, aligned the way prettier aligns Markdown tables. */
export function configTableMarkdown(
  variables: readonly ConfigVariable[] = CONFIG_VARIABLES,
): string {
  const rows = [
    ['variable', 'default', 'meaning'],
    ...variables.map((variable) => [`\`${variable.name}\``, variable.default, variable.meaning]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    line(rows[0]),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...rows.slice(1).map(line),
  ].join('\n');
}
