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
    meaning:
      'only `development` or `test` (exactly) get the development `JWT_SECRET` and the demo seed; anything else, unset included, is treated as production',
  },
  {
    name: 'JWT_SECRET',
    default: 'a development secret, only when `NODE_ENV` is `development` or `test`',
    meaning:
      'signs access and refresh tokens; at least 32 characters; required outside development and test, published placeholders refused',
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
    default: '`true` only when `NODE_ENV` is `development` or `test`',
    meaning:
      '`false`: never seed the demo network into an empty platform; `true`: seed it anywhere (logs a warning outside development and test)',
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
    name: 'SUPPLY_REFRESH_SECONDS',
    default: '`300`',
    meaning:
      "how often the supply level watcher recomputes every hospital's stored supply status (need and days of supply move with the clock too)",
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
    name: 'VITE_MAP_TILE_URL',
    default: '—',
    meaning:
      "the map's tile server (Leaflet URL template); read when building the web app, and by the api, whose Content-Security-Policy allows its origin",
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
    default: 'one per core but one (at least 1)',
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
  {
    name: 'SMTP_HOST',
    default: '—',
    meaning: 'SMTP server for e-mail notifications; e-mail is off when unset',
  },
  {
    name: 'SMTP_PORT',
    default: '`587`',
    meaning: 'SMTP port',
  },
  {
    name: 'SMTP_SECURE',
    default: '`false`',
    meaning: '`true`: TLS from the start (port 465); otherwise STARTTLS when offered',
  },
  {
    name: 'SMTP_FROM',
    default: '`OxyLedger <notifications@oxyledger.invalid>`',
    meaning: 'sender of notification e-mail',
  },
  {
    name: 'SMTP_USER',
    default: '—',
    meaning: 'SMTP login, when the server asks for one',
  },
  {
    name: 'SMTP_PASSWORD',
    default: '—',
    meaning: 'SMTP password',
  },
  {
    name: 'NOTIFICATION_ATTEMPTS',
    default: '`5`',
    meaning: 'attempts per e-mail or webhook delivery before it becomes a dead letter',
  },
  {
    name: 'NOTIFICATION_RETRY_DELAY_MS',
    default: '`10000`',
    meaning: 'first retry delay of a delivery; doubles with each attempt',
  },
  {
    name: 'NOTIFICATION_POLL_MS',
    default: '`2000`',
    meaning: 'how often deliveries released from quiet hours are looked for',
  },
  {
    name: 'NOTIFICATION_MAX_AGE_HOURS',
    default: '`24`',
    meaning:
      'events older than this get an inbox entry but no e-mail or webhook, so a replay sends no mail',
  },
  {
    name: 'NOTIFICATIONS_PUBLIC_URL',
    default: '—',
    meaning: 'where the web app is reached, so links in e-mail are absolute',
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
