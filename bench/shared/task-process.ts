import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/** A task for a child process: a `kind`, and its arguments. `close` ends the child. */
export interface Task {
  kind: string;
}

type Request<T extends Task> = { id: number; task: T };
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * A benchmark part in a process of its own (its own event loop and heap), asked to do tasks
 * over IPC and answering each with its result or its error. The child script calls
 * `serveTasks`; it prints progress straight to stdout.
 */
export class TaskProcess<T extends Task, Results extends Record<T['kind'], unknown>> {
  private nextId = 0;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly label: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    child.on('exit', (code) => {
      for (const settle of this.pending.values()) {
        settle({ id: -1, ok: false, error: `${label} exited with code ${code}` });
      }
      this.pending.clear();
    });
  }

  /**
   * Forks `<directory>/<script>.ts` under ts-node when the bench runs from sources, or the
   * compiled `.js` beside it; `execArgv` is added (e.g. a CPU profile).
   */
  static fork<T extends Task, Results extends Record<T['kind'], unknown>>(
    directory: string,
    script: string,
    label: string,
    execArgv: string[] = [],
  ): TaskProcess<T, Results> {
    const runningTs = __filename.endsWith('.ts');
    const child = fork(join(directory, `${script}${runningTs ? '.ts' : '.js'}`), [], {
      execArgv: [
        ...(runningTs
          ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']
          : []),
        ...execArgv,
      ],
      stdio: 'inherit',
    });
    return new TaskProcess<T, Results>(label, child);
  }

  run<K extends T['kind']>(task: Extract<T, { kind: K }>): Promise<Results[K]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) =>
        reply.ok
          ? resolve(reply.result as Results[K])
          : reject(new Error(`${this.label}: ${reply.error}`)),
      );
      this.child.send({ id, task } satisfies Request<T>);
    });
  }

  /** Asks the child to close (a `close` task) and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.run({ kind: 'close' } as Extract<T, { kind: T['kind'] }>).catch(() => undefined);
    await exited;
  }
}

/**
 * The child's side: performs each task asked for and answers; after `close` it lets go of the
 * channel. If the parent goes away without closing it while `holdsConnections()`, it exits
 * rather than linger holding them.
 */
export function serveTasks<T extends Task>(
  perform: (task: T) => Promise<unknown>,
  holdsConnections: () => boolean,
): void {
  process.on('message', (request: Request<T>) => {
    perform(request.task).then(
      (result) => {
        process.send?.({ id: request.id, ok: true, result } satisfies Reply);
        if (request.task.kind === 'close') process.disconnect();
      },
      (error: unknown) =>
        process.send?.({
          id: request.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies Reply),
    );
  });
  process.on('disconnect', () => {
    if (holdsConnections()) process.exit(1);
  });
}
