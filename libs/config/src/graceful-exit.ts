import { type INestApplicationContext, Logger } from '@nestjs/common';

const logger = new Logger('Shutdown');

/**
 * On SIGTERM or SIGINT: stop taking work, finish what is in hand, release what is held, exit.
 * Gives up after `graceMs` and exits anyway (with code 1), so a stuck request or job cannot keep
 * an orchestrator waiting for ever. `closeApp` runs the modules' shutdown hooks: the projector
 * finishes its batch and frees its locks, the planning worker closes, the pools end.
 */
export function exitGracefullyOnSignals(
  app: INestApplicationContext,
  graceMs: number,
  before: () => Promise<void> = async () => undefined,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping (grace ${graceMs} ms)`);
    const deadline = setTimeout(() => {
      logger.error(`Still busy after ${graceMs} ms: exiting anyway`);
      process.exit(1);
    }, graceMs);
    before()
      .then(() => app.close())
      .then(
        () => {
          clearTimeout(deadline);
          logger.log('Stopped');
          // Through process.exit, so that pino (asynchronous) flushes the last lines.
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(`Shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
