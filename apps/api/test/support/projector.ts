import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { PROJECTIONS, projectionStatuses, type ProjectionStatus } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
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
  const deadline = Date.now() + 90_000; // a busy machine
  let last: ProjectionStatus[] = [];
  while (Date.now() < deadline) {
    const { events: visible } = await store.countAll({ limit: committed });
    last = await projectionStatuses(store, dataSource, projections);
    if (visible >= committed && last.every((s) => s.state === 'live')) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const behind = last
    .filter((s) => s.state !== 'live')
    .map((s) => `${s.name}: ${s.state}${s.lastError ? ` (${s.lastError.message})` : ''}`);
  throw new Error(
    `the projector did not catch up in 90 s: ${behind.join('; ') || 'ledger not visible'}`,
  );
}
