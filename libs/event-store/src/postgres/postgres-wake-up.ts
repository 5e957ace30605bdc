import { Client, type ClientConfig } from 'pg';

export const LEDGER_CHANNEL = 'ledger_events';

/**
 * Wakes subscribers when events are committed, across processes, within milliseconds.
 *
 * Writers do not NOTIFY inside their append transaction: PostgreSQL serialises the commits of
 * notifying transactions behind one lock, which would undo the per-stream locking of appends.
 * Instead, after an append commits, `signalCommitted()` sends one NOTIFY from a separate
 * connection, coalescing every commit that happens while a NOTIFY is in flight into the next one.
 * Subscribers in this process are woken directly as well. A lost notification only delays a
 * subscriber until its next poll.
 */
export class LedgerWakeUp {
  private readonly listeners = new Set<() => void>();
  private listenClient?: Client;
  private listenClientConnecting?: Promise<void>;
  private notifyClient?: Client;
  private notifyInFlight = false;
  private notifyPending = false;
  private closed = false;

  constructor(private readonly connection: ClientConfig) {}

  /**
   * Registers a callback woken on every commit seen; returns the unregister function. Resolves
   * once LISTEN is in place (or has failed, leaving polling), so a read made afterwards misses
   * no notification of a later commit.
   */
  async onWake(listener: () => void): Promise<() => void> {
    this.listeners.add(listener);
    await this.ensureListening();
    return () => this.listeners.delete(listener);
  }

  signalCommitted(): void {
    this.wakeLocal();
    if (this.closed) return;
    if (this.notifyInFlight) {
      this.notifyPending = true;
      return;
    }
    this.notifyInFlight = true;
    void this.sendNotify();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await Promise.allSettled([this.listenClient?.end(), this.notifyClient?.end()]);
  }

  private async sendNotify(): Promise<void> {
    try {
      do {
        this.notifyPending = false;
        this.notifyClient ??= await this.connectedClient('oxyledger-notify');
        await this.notifyClient.query(`NOTIFY ${LEDGER_CHANNEL}`);
      } while (this.notifyPending && !this.closed);
    } catch {
      // Subscribers poll as a fallback; drop the connection and make a new one next time.
      const broken = this.notifyClient;
      this.notifyClient = undefined;
      void broken?.end().catch(() => undefined);
    } finally {
      this.notifyInFlight = false;
    }
  }

  private wakeLocal(): void {
    for (const listener of this.listeners) listener();
  }

  /** Called by subscribers on each poll so a dropped LISTEN connection is re-established. */
  keepListening(): void {
    void this.ensureListening();
  }

  private ensureListening(): Promise<void> {
    if (this.listenClient || this.closed) return Promise.resolve();
    this.listenClientConnecting ??= (async () => {
      try {
        const client = await this.connectedClient('oxyledger-listen');
        client.on('notification', () => this.wakeLocal());
        const forget = () => {
          if (this.listenClient === client) this.listenClient = undefined;
          void client.end().catch(() => undefined);
        };
        client.on('error', forget);
        client.on('end', forget);
        await client.query(`LISTEN ${LEDGER_CHANNEL}`);
        if (this.closed) await client.end();
        else this.listenClient = client;
      } catch {
        // Polling keeps subscribers going; the next subscriber or poll retries.
      } finally {
        this.listenClientConnecting = undefined;
      }
    })();
    return this.listenClientConnecting;
  }

  private async connectedClient(applicationName: string): Promise<Client> {
    const client = new Client({ ...this.connection, application_name: applicationName });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }
}
