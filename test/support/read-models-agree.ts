import { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import { Client } from 'pg';
import {
  readActualReadModels,
  readLedger,
  recomputeFromLedger,
} from '../../libs/read-models/test/recompute-read-models';

/**
 * The read models of the database at `url` (stock, cylinders, visits, fills, consumption, trips,
 * route plans and their status) beside what the ledger implies, by a fold written independently
 * of the projections; polled until they agree or `timeoutMs` passes (the projector catches up),
 * so a test ends with `expect(actual).toEqual(expected)`.
 */
export async function readModelsBesideLedger(
  url: string,
  timeoutMs = 30_000,
): Promise<{ expected: unknown; actual: unknown }> {
  const store = await PostgresEventStore.connect({
    connectionString: url,
    maxConnections: 2,
    pollIntervalMs: 100,
  });
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const compare = async () => {
      const events = await readLedger(store);
      const planStatus = new Map<string, string>();
      for (const event of events) {
        const planId = (event.data as { planId?: string }).planId;
        if (event.type === 'RoutePlanProposed') planStatus.set(planId!, 'proposed');
        if (event.type === 'RoutePlanRejected') planStatus.set(planId!, 'rejected');
        if (event.type === 'RoutePlanApproved') planStatus.set(planId!, 'approved');
      }
      const { rows } = await db.query<{ plan_id: string; status: string }>(
        'SELECT plan_id, status FROM app.route_plans ORDER BY plan_id',
      );
      return {
        expected: {
          models: recomputeFromLedger(events),
          plans: [...planStatus].sort(([a], [b]) => (a < b ? -1 : 1)),
        },
        actual: {
          models: await readActualReadModels({
            query: async (sql: string) => (await db.query(sql)).rows,
          }),
          plans: rows.map((row) => [row.plan_id, row.status]),
        },
      };
    };
    let last = await compare();
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
      if (JSON.stringify(last.actual) === JSON.stringify(last.expected)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
      last = await compare();
    }
    return last;
  } finally {
    await db.end();
    await store.close();
  }
}
