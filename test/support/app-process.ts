import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..');

/** One of the apps (api, projector, planner) as a child process, its output kept. */
export interface AppProcess {
  name: string;
  child: ChildProcess;
  output: string[];
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Polls until `found` gives something; on time-out or exit, fails showing the output. */
  waitFor<T>(
    found: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    timeoutMs?: number,
  ): Promise<T>;
  /** SIGTERM, then SIGKILL if it is still there after 15 s. */
  stop(): Promise<void>;
}

export function startApp(name: string, entry: string, env: Record<string, string>): AppProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        LOG_LEVEL: 'info',
        PLANNING_TIME_LIMIT_SECONDS: '1',
        PLANNING_SOLVER_THREADS: '1',
        PLANNING_SCHEDULE_PATTERN: '0 0 1 1 *',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const app: AppProcess = {
    name,
    child,
    output,
    exited,
    async waitFor(found, timeoutMs = 240_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await found();
        if (value) return value;
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          throw new Error(
            `${child.exitCode !== null ? `${name} exited` : 'timed out'}; ${name} printed:\n` +
              output.join('').slice(-3_000),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    },
  };
  return app;
}

/** The api's port, from its "listening on" log line. */
export async function listeningPort(api: AppProcess): Promise<number> {
  const match = await api.waitFor(() =>
    api.output.join('').match(/listening on http:\/\/localhost:(\d+)/),
  );
  return Number(match[1]);
}

/**
 * The api as a child process, as the fault tests run it: the demo network seeded, no planner
 * (`env` may say otherwise). Waits for nothing; see `untilSeeded`.
 */
export function startApiChild(env: Record<string, string>): AppProcess {
  return startApp('api', 'apps/api/src/main.ts', {
    RUN_PLANNER: 'false',
    DEMO_SEED: 'true',
    ...env,
  });
}

/** Waits until the api listens and has seeded the demo network; gives its port. */
export async function untilSeeded(api: AppProcess): Promise<number> {
  const port = await listeningPort(api);
  await api.waitFor(() => api.output.join('').includes('Demo network seeded'));
  return port;
}

/** What the api answered, or that the connection failed (refused, reset, cut by a kill). */
export interface ApiAnswer {
  status: number | 'connection-error';
  retryAfter: string | null;
  body: Record<string, unknown>;
}

/** One request to the api under `base` (…/api/v1); a failed connection is an answer too. */
export async function callApi(base: string, path: string, init: RequestInit = {}) {
  try {
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    } as ApiAnswer;
  } catch {
    return { status: 'connection-error', retryAfter: null, body: {} } as ApiAnswer;
  }
}

/** The demo producer's access token and plant. */
export async function producerLogin(base: string) {
  const login = await callApi(base, '/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'producer', password: 'oxyledger-demo' }),
  });
  const { accessToken, user } = login.body as {
    accessToken: string;
    user: { facilityId: string };
  };
  return { accessToken, facilityId: user.facilityId };
}

/** The body of `POST /cylinders` registering a new cylinder per serial at the producer's plant. */
export function registrationBody(facilityId: string, ...serials: string[]) {
  return {
    facilityId,
    cylinders: serials.map((serial) => ({
      serial,
      sizeCode: 'J',
      ownerId: 'rafidain-oxygen',
      gasGrade: 'oxygen-93',
      manufactureDate: '2022-01-10',
      lastTestDate: '2024-01-10',
    })),
  };
}

/** `POST /cylinders` registering `serial` as the producer of `login`, under `key`. */
export function registerWithKey(
  base: string,
  login: { accessToken: string; facilityId: string },
  key: string,
  serial: string,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  return callApi(base, '/cylinders', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${login.accessToken}`,
      'Idempotency-Key': key,
      ...headers,
    },
    body: JSON.stringify(registrationBody(login.facilityId, serial)),
  });
}

/** One key's story: its serial, the last answer and how many times it was sent. */
export interface KeyedOutcome {
  key: string;
  serial: string;
  final: number | 'connection-error';
  attempts: number;
}

/**
 * Clients registering one new cylinder after another, each with a fresh Idempotency-Key, as
 * phone apps would: an answer `retry` calls not final is sent again with the same key (200 ms
 * later, at most `maxAttempts` times in all). Each client stops when `stop()` is called, or
 * after an outcome `clientStops` says is its last.
 */
export function keyedRegistrations(options: {
  clients: number;
  serialPrefix: string;
  /** Sends attempt `attempt` (1, 2, …) of client `client`'s `n`th (0, 1, …) registration. */
  send(registration: {
    client: number;
    n: number;
    key: string;
    serial: string;
    attempt: number;
  }): Promise<ApiAnswer>;
  retry?: (answer: ApiAnswer) => boolean;
  maxAttempts?: number;
  clientStops?: (outcome: KeyedOutcome) => boolean;
}) {
  const { retry = () => false, maxAttempts = 1, clientStops = () => false } = options;
  const outcomes: KeyedOutcome[] = [];
  let stopped = false;
  const client = async (index: number) => {
    for (let n = 0; !stopped; n++) {
      const key = randomUUID();
      const serial = `${options.serialPrefix}-${index}-${n}-${key.slice(0, 6)}`.toUpperCase();
      let attempts = 1;
      let answer = await options.send({ client: index, n, key, serial, attempt: attempts });
      while (retry(answer) && attempts < maxAttempts) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        answer = await options.send({ client: index, n, key, serial, attempt: ++attempts });
      }
      const outcome = { key, serial, final: answer.status, attempts };
      outcomes.push(outcome);
      if (clientStops(outcome)) break;
    }
  };
  const done = Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
  return {
    outcomes,
    /** Resolves when every client has stopped by itself. */
    done,
    /** Tells every client to stop after its current key; resolves when they have. */
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** How many times each `cylinder-<prefix>-…` stream's registration is in the ledger. */
export async function registrationsPerCylinder(
  databaseUrl: string,
  serialPrefix: string,
): Promise<Map<string, number>> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const registered = await db.query<{ stream_name: string; n: string }>(
      `SELECT stream_name, count(*) AS n FROM ledger.events
       WHERE event_type = 'CylinderRegistered' AND stream_name LIKE $1
       GROUP BY stream_name`,
      [`cylinder-${serialPrefix}-%`],
    );
    return new Map(registered.rows.map((r) => [r.stream_name, Number(r.n)]));
  } finally {
    await db.end();
  }
}
