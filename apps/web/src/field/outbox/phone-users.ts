import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import type { SessionUser } from '../../auth/session';
import { fieldDb } from './field-db';

/** Remembers who used this phone, so a queue left by one user can be named to the next one. */
export async function rememberUser(user: SessionUser): Promise<void> {
  await fieldDb().cache.put({
    id: `${user.id}:user`,
    userId: user.id,
    value: { username: user.username, displayName: user.displayName ?? null },
    savedAt: new Date().toISOString(),
  });
}

export interface WaitingQueue {
  userId: string;
  name: string;
  count: number;
}

/**
 * Commands other users made on this phone and that are still waiting: they stay for their own
 * user (sent when that user logs in again), and whoever is logged in now is told so.
 */
export function useOthersWaiting(userId: string): WaitingQueue[] {
  const [queues, setQueues] = useState<WaitingQueue[]>([]);
  useEffect(() => {
    const subscription = liveQuery(async () => {
      const waiting = await fieldDb()
        .commands.filter((command) => command.status === 'pending' && command.userId !== userId)
        .toArray();
      const counts = new Map<string, number>();
      for (const command of waiting)
        counts.set(command.userId, (counts.get(command.userId) ?? 0) + 1);
      return Promise.all(
        [...counts].map(async ([other, count]) => {
          const known = (await fieldDb().cache.get(`${other}:user`))?.value as
            { username: string; displayName: string | null } | undefined;
          return { userId: other, name: known?.displayName || known?.username || other, count };
        }),
      );
    }).subscribe({ next: setQueues, error: () => setQueues([]) });
    return () => subscription.unsubscribe();
  }, [userId]);
  return queues;
}
