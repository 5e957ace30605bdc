import { hostname } from 'node:os';
import { Client } from 'pg';

/**
 * One PostgreSQL session holding this process's ownership locks (session advisory locks) for
 * every projection and follower, instead of one connection each: with a dozen projections, one
 * connection per lock alone used to exceed the connection budget of a process. Shared per
 * database URL by every worker of the process. When the session is lost, PostgreSQL frees all
 * its locks, and every holder hears of it and takes its ownership again.
 */
export class AdvisoryLockSession {
  private client?: Promise<Client>;
  private readonly held = new Set<string>();
  private readonly lostListeners = new Set<(error: Error) => void>();
  private users = 0;
  /** One query at a time on the session (node-postgres is to drop its own queueing). */
  private queries: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly databaseUrl: string,
    private readonly applicationName: string,
  ) {}

  private static readonly shared = new Map<string, AdvisoryLockSession>();

  /** The process's session for this database; `release()` it when done (the last one closes it). */
  static acquire(databaseUrl: string): AdvisoryLockSession {
    let session = AdvisoryLockSession.shared.get(databaseUrl);
    if (!session) {
      session = new AdvisoryLockSession(
        databaseUrl,
        `oxyledger-projector ${hostname()}:${process.pid}`,
      );
      AdvisoryLockSession.shared.set(databaseUrl, session);
    }
    session.users += 1;
    return session;
  }

  async release(): Promise<void> {
    this.users -= 1;
    if (this.users > 0) return;
    AdvisoryLockSession.shared.delete(this.databaseUrl);
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    // Closing the session frees its advisory locks.
    await (await client?.catch(() => undefined))?.end().catch(() => undefined);
  }

  /**
   * Takes the lock unless another process holds it, or another worker of this process does
   * (advisory locks are re-entrant within a session, so the session itself must refuse).
   */
  async tryLock(namespace: number, name: string): Promise<boolean> {
    const key = `${namespace}/${name}`;
    if (this.held.has(key)) return false;
    this.held.add(key); // claimed while the query runs, so a second worker here cannot slip in
    try {
      const { rows } = await this.serially(async () =>
        (await this.connected()).query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
          [namespace, name],
        ),
      );
      if (!rows[0].locked) this.held.delete(key);
      return rows[0].locked;
    } catch (error) {
      this.held.delete(key);
      throw error;
    }
  }

  async unlock(namespace: number, name: string): Promise<void> {
    const key = `${namespace}/${name}`;
    if (!this.held.delete(key)) return;
    const client = await this.client?.catch(() => undefined);
    if (!client) return; // a lost session has freed it already
    await this.serially(() =>
      client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [namespace, name]),
    ).catch(() => undefined);
  }

  private serially<T>(query: () => Promise<T>): Promise<T> {
    const result = this.queries.then(query, query);
    this.queries = result.catch(() => undefined);
    return result;
  }

  /** Calls `listener` once when the session holding the locks is lost; returns the unregister. */
  onLost(listener: (error: Error) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  private connected(): Promise<Client> {
    this.client ??= (async () => {
      const client = new Client({
        connectionString: this.databaseUrl,
        application_name: this.applicationName,
      });
      const lost = (error: Error) => this.lost(client, error);
      client.on('error', lost);
      client.on('end', () => lost(new Error('the ownership connection closed')));
      try {
        await client.connect();
      } catch (error) {
        this.client = undefined;
        throw error;
      }
      return client;
    })();
    return this.client;
  }

  private lost(client: Client, error: Error): void {
    // A connect that failed rejects this promise too: without the handler, an unhandled
    // rejection that stopped the whole api when PostgreSQL went down.
    this.client?.then(
      (current) => {
        if (current !== client) return;
        this.client = undefined;
        this.held.clear();
        for (const listener of [...this.lostListeners]) listener(error);
      },
      () => undefined,
    );
  }
}
