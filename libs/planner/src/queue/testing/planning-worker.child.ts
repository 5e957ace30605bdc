import { FakePlanningRun, type RecordedRun, sleep, startTestbed } from './planning-queue.harness';

/**
 * A planning "replica" in a process of its own, for tests (see `forkPlanningReplica`): runs a
 * worker with a fake run that takes CHILD_RUN_MS (holding its event loop with CHILD_HOLDS_LOOP), reports each finished run over IPC, and stops
 * gracefully when told to.
 */
async function main(): Promise<void> {
  const runMs = Number(process.env.CHILD_RUN_MS ?? '0');
  const runs: RecordedRun[] = [];
  // CHILD_HOLDS_LOOP=true: the run holds the event loop (as a solve on it would), without CPU.
  const holdsLoop = process.env.CHILD_HOLDS_LOOP === 'true';
  const planning = new FakePlanningRun(`child-${process.pid}`, runs, async () => {
    if (holdsLoop) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, runMs);
    else await sleep(runMs);
  });
  const testbed = await startTestbed(planning);
  const reported = new Set<RecordedRun>();
  const reportFinished = () => {
    for (const run of runs.filter((r) => r.endedAt && !reported.has(r))) {
      reported.add(run);
      process.send!({ run });
    }
  };
  const report = setInterval(reportFinished, 10);
  process.on('message', (message) => {
    if (message !== 'stop') return;
    void (async () => {
      await testbed.worker.stop();
      await testbed.module.close();
      clearInterval(report);
      reportFinished();
      process.send!('stopped', () => process.exit(0));
    })();
  });
  await testbed.worker.start();
  process.send!('ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
