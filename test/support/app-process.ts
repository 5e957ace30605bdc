import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

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
