import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { solveRouting, startWorker } from '@oxyledger/routing';
import type { RoutingProblem, SolveOptions, SolveResult } from '@oxyledger/routing';

export interface WatchedSolve {
  result: SolveResult;
  /** Wall time of the `solveRouting` call itself. */
  totalMs: number;
  /** Resident memory of the whole process (both threads), when the solve starts and at its peak. */
  rssAtStartBytes: number;
  peakRssBytes: number;
  /** The solving thread's V8 heap; undefined where the inspector could not reach it. */
  heapUsedAtStartBytes: number | undefined;
  peakHeapUsedBytes: number | undefined;
  samples: number;
}

const SAMPLE_EVERY_MS = 100;

type FromWorker = { ready: true } | { result: SolveResult; totalMs: number };

/**
 * `solveRouting` runs synchronously, so nothing on its thread can sample memory while it runs: it
 * runs on a worker thread instead, and this thread samples every 100 ms from when the worker has
 * loaded its code — the process RSS, and the worker's heap through the inspector (V8 answers its
 * requests in the middle of running code).
 */
export async function solveWatchingMemory(
  problem: RoutingProblem,
  options: Pick<SolveOptions, 'timeLimitMs' | 'iterationLimit' | 'seed'>,
): Promise<WatchedSolve> {
  const inspector = new Session();
  inspector.connect();
  let workerSession: string | undefined;
  let heapUsedAtStartBytes: number | undefined;
  let peakHeapUsedBytes: number | undefined;
  inspector.on('NodeWorker.attachedToWorker', ({ params }) => {
    workerSession = params.sessionId;
  });
  inspector.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
    const usedSize = JSON.parse(params.message).result?.usedSize;
    if (typeof usedSize !== 'number') return;
    heapUsedAtStartBytes ??= usedSize;
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes ?? 0, usedSize);
  });
  await new Promise<void>((resolve) =>
    inspector.post('NodeWorker.enable', { waitForDebuggerOnStart: false }, () => resolve()),
  );
  let rssAtStartBytes = 0;
  let peakRssBytes = 0;
  let samples = 0;
  let request = 0;
  let sampler: NodeJS.Timeout | undefined;
  const sample = () => {
    samples++;
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
    if (workerSession === undefined) return;
    inspector.post('NodeWorker.sendMessageToWorker', {
      sessionId: workerSession,
      message: JSON.stringify({ id: ++request, method: 'Runtime.getHeapUsage' }),
    });
  };

  const worker = startWorker(__filename, { problem, options });
  try {
    const { result, totalMs } = await new Promise<{ result: SolveResult; totalMs: number }>(
      (resolve, reject) => {
        worker.on('message', (message: FromWorker) => {
          if (!('ready' in message)) return resolve(message);
          rssAtStartBytes = process.memoryUsage.rss();
          sample();
          sampler = setInterval(sample, SAMPLE_EVERY_MS);
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the solving thread exited (${code})`)));
      },
    );
    return {
      result,
      totalMs,
      rssAtStartBytes,
      peakRssBytes,
      heapUsedAtStartBytes,
      peakHeapUsedBytes,
      samples,
    };
  } finally {
    clearInterval(sampler);
    inspector.disconnect();
    await worker.terminate();
  }
}

if (!isMainThread && workerData?.entry === __filename) {
  parentPort?.postMessage({ ready: true } satisfies FromWorker);
  const started = performance.now();
  const result = solveRouting(workerData.data.problem, workerData.data.options);
  parentPort?.postMessage({ result, totalMs: performance.now() - started } satisfies FromWorker);
}
