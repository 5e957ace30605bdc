import { type DomainEvent, fromStoredEvent } from '@oxyledger/domain';
import type { RecordedEvent } from '@oxyledger/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection';

/** How one kind of aggregate is kept as a row: its stream prefix, table and evolve function. */
export interface StreamStateModel<State, Event extends DomainEvent> {
  streamPrefix: string;
  /** Keyed by `key text PRIMARY KEY`, with `state jsonb NOT NULL` and `revision bigint NOT NULL`. */
  table: string;
  isEvent: (event: DomainEvent) => event is Event;
  evolve: (state: State, event: Event) => State;
  initial: () => State;
  /** Further columns the table keeps for filtering and ordering, from the state. */
  columns?: (state: State) => Record<string, unknown>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- models of different states share one list */
type AnyModel = StreamStateModel<any, any>;

/**
 * The current state of every stream of a few aggregate kinds (a hospital's demand, a plant, an
 * alert's handling, a scan conflict), evolved by the domain's own function and stored as one
 * row per stream: a list reads one table instead of one stream per row. Each batch loads the
 * rows it touches, evolves them and writes them back in the runner's transaction.
 *
 * One projection for all the kinds, not one each: a subscription filtered on a rare stream
 * prefix reads the ledger from its last matching event on every wake-up, and the frequent kind
 * (censuses) keeps the shared checkpoint close to the end of the ledger.
 */
export class StreamStatesProjection implements Projection {
  readonly filter: { streamPrefixes: string[] };
  readonly tables: readonly string[];

  constructor(
    readonly name: string,
    private readonly models: readonly AnyModel[],
  ) {
    this.filter = { streamPrefixes: models.map((model) => model.streamPrefix) };
    this.tables = models.map((model) => model.table);
  }

  async apply(events: RecordedEvent[], transaction: EntityManager): Promise<void> {
    for (const model of this.models) {
      const mine = events.filter((event) => event.streamName.startsWith(model.streamPrefix));
      if (mine.length > 0) await applyModel(model, mine, transaction);
    }
  }
}

async function applyModel(
  model: AnyModel,
  events: RecordedEvent[],
  transaction: EntityManager,
): Promise<void> {
  const { streamPrefix, table } = model;
  const keys = [...new Set(events.map((event) => event.streamName.slice(streamPrefix.length)))];
  const stored = (await transaction.query(`SELECT key, state FROM ${table} WHERE key = ANY($1)`, [
    keys,
  ])) as { key: string; state: unknown }[];
  const states = new Map(stored.map((row) => [row.key, row.state]));
  const revisions = new Map<string, number>();
  for (const recorded of events) {
    const event = fromStoredEvent(recorded);
    const key = recorded.streamName.slice(streamPrefix.length);
    revisions.set(key, recorded.revision);
    if (!model.isEvent(event)) continue;
    states.set(key, model.evolve(states.has(key) ? states.get(key) : model.initial(), event));
  }
  const rows = [...revisions].map(([key, revision]) => {
    const state = states.has(key) ? states.get(key) : model.initial();
    return { key, revision, state, ...(model.columns?.(state) ?? {}) };
  });
  const columns = [
    'key',
    'revision',
    'state',
    ...Object.keys(model.columns?.(model.initial()) ?? {}),
  ];
  await transaction.query(
    `INSERT INTO ${table} (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET
       ${columns
         .filter((column) => column !== 'key')
         .map((column) => `${column} = EXCLUDED.${column}`)
         .join(', ')}`,
    [JSON.stringify(rows)],
  );
}
