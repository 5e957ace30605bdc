import { useEffect, useState } from 'react';
import { liveQuery } from 'dexie';
import { fieldDb, type QueuedCommand } from './field-db';
import { sendQueued, type SyncResult } from './send-queued';
import { userTransport } from './user-transport';

const TIMER_MS = 30_000;

export interface SyncState {
  syncing: boolean;
  last?: SyncResult & { at: string };
}

/**
 * Sends the outbox from the page (not from the service worker: Background Sync is not
 * dependable): when the app starts, when the network comes back, every 30 s, and on "Sync now".
 * One run at a time; a trigger during a run runs once more after it.
 */
export class SyncEngine {
  private running: Promise<void> | null = null;
  private again = false;
  private state: SyncState = { syncing: false };
  private readonly listeners = new Set<(state: SyncState) => void>();

  constructor(private readonly userId: string) {}

  start(): () => void {
    const online = () => void this.syncNow();
    window.addEventListener('online', online);
    const timer = window.setInterval(() => void this.syncNow(), TIMER_MS);
    void this.syncNow();
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }

  syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.set({ ...this.state, syncing: true });
    this.running = (async () => {
      do {
        this.again = false;
        const result = await sendQueued(this.userId, userTransport(this.userId));
        this.set({ syncing: this.again, last: { ...result, at: new Date().toISOString() } });
      } while (this.again);
    })().finally(() => {
      this.running = null;
      this.set({ ...this.state, syncing: false });
    });
    return this.running;
  }

  subscribe(listener: (state: SyncState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private set(state: SyncState) {
    this.state = state;
    this.listeners.forEach((listener) => listener(state));
  }
}

export function useSyncState(engine: SyncEngine): SyncState {
  const [state, setState] = useState<SyncState>({ syncing: false });
  useEffect(() => engine.subscribe(setState), [engine]);
  return state;
}

/** The user's commands, live from IndexedDB (this tab's and any other's writes). */
export function useCommands(userId: string): QueuedCommand[] | undefined {
  const [commands, setCommands] = useState<QueuedCommand[]>();
  useEffect(() => {
    const subscription = liveQuery(() =>
      fieldDb().commands.where({ userId }).sortBy('seq'),
    ).subscribe({ next: setCommands, error: () => setCommands([]) });
    return () => subscription.unsubscribe();
  }, [userId]);
  return commands;
}

export function useLastSync(userId: string): string | undefined {
  const [at, setAt] = useState<string>();
  useEffect(() => {
    const subscription = liveQuery(() => fieldDb().syncs.get(userId)).subscribe({
      next: (log) => setAt(log?.lastSyncAt),
    });
    return () => subscription.unsubscribe();
  }, [userId]);
  return at;
}
