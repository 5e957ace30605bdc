import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { PROJECTIONS, projectionStatuses, type ProjectionStatus } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { readLedger } from '../../../../libs/read-models/test/recompute-read-models';
import type { TestApp } from './test-app';

/**
 * Resolves once every projection of the app has applied every event committed so far. readAll
 * shows an event once no older transaction is open anywhere on the server (another test run's,
 * say): "no lag" means something only once it shows every committed event.
 */
export async function projectorCaughtUp(api: TestApp): Promise<ProjectionStatus[]> {
  const store = api.app.get<EventStore>(EVENT_STORE);
  const dataSource = api.app.get(DataSource);
  const projections = PROJECTIONS.map((create) => create());
  const [{ committed }] = (await dataSource.query(
    'SELECT count(*)::int AS committed FROM ledger.events',
  )) as { committed: number }[];
  const deadline = Date.now() + 90_000; // rare-stream projections scan far on a busy machine
  while (Date.now() < deadline) {
    const visible = (await readLedger(store)).length;
    const statuses = await projectionStatuses(store, dataSource, projections);
    if (visible >= committed && statuses.every((s) => s.state === 'live')) return statuses;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the projector did not catch up in 90 s');
}
