import { fieldDb, type QueuedCommand } from './field-db';
import { pendingCommands } from './outbox';

/** How the outbox reaches the api: fetch with the bearer token, refreshed on a 401. */
export interface Transport {
  send(request: Request): Promise<Response>;
  /** False when this queue may not be sent now (another user is logged in). */
  canSend?(): boolean;
}

export const SYNC_BATCH_SIZE = 20;

/** The transport refuses to send: someone else is logged in on this phone now. */
export class NotSignedInAs extends Error {
  constructor(readonly userId: string) {
    super(`user ${userId} is not the one logged in`);
  }
}

export interface SyncResult {
  sent: number;
  /** Why it stopped before the queue was empty: offline, api busy, logged out, another user. */
  stoppedBy?: string;
  remaining: number;
}

/**
 * Sends the user's queued commands in the order they were made, a batch at a time until none
 * is left. It stops at the first one that cannot be answered now (no network, the api down, a
 * 409 "in progress", a session that could not be refreshed), so nothing overtakes it; a command
 * the api refuses is kept with its answer, shown to the user, and the next one goes on.
 */
export async function sendQueued(
  userId: string,
  transport: Transport,
  batchSize = SYNC_BATCH_SIZE,
): Promise<SyncResult> {
  let sent = 0;
  for (;;) {
    const batch = (await pendingCommands(userId)).slice(0, batchSize);
    if (batch.length === 0) break;
    for (const command of batch) {
      const stop =
        transport.canSend && !transport.canSend()
          ? 'other-user'
          : await sendOne(command, transport);
      if (stop) {
        return { sent, stoppedBy: stop, remaining: (await pendingCommands(userId)).length };
      }
      sent++;
    }
  }
  await fieldDb().syncs.put({ userId, lastSyncAt: new Date().toISOString() });
  return { sent, remaining: 0 };
}

/** Sends one command; returns why syncing must stop, or undefined when it was answered. */
async function sendOne(command: QueuedCommand, transport: Transport): Promise<string | undefined> {
  const db = fieldDb().commands;
  const now = new Date().toISOString();
  await db.update(command.seq!, {
    attempts: command.attempts + 1,
    lastAttemptAt: now,
    ...(command.firstSentAt ? {} : { firstSentAt: now }),
  });
  let response: Response;
  try {
    response = await transport.send(
      new Request(new URL(`/api/v1${command.path}`, location.origin), {
        method: command.method,
        headers: { 'content-type': command.contentType, 'Idempotency-Key': command.key },
        body: command.body,
      }),
    );
  } catch (error) {
    if (error instanceof NotSignedInAs) return 'other-user';
    const message = error instanceof Error ? error.message : String(error);
    await db.update(command.seq!, { outcome: { message: `network: ${message}`, at: now } });
    return 'offline';
  }
  const answer = (await response.json().catch(() => undefined)) as
    | {
        error?: string;
        message?: string | string[];
        scanConflict?: { conflictId: string };
      }
    | undefined;
  const message = describe(answer, response.status);
  const outcome = { status: response.status, message, at: new Date().toISOString() };

  if (response.ok) {
    const conflict = response.status === 202 && answer?.scanConflict;
    await db.update(command.seq!, { status: conflict ? 'conflict' : 'done', outcome });
    return undefined;
  }
  await db.update(command.seq!, { outcome });
  if (response.status === 401) return 'logged-out';
  if (response.status === 409 && answer?.error === 'idempotency.in-progress') return 'in-progress';
  if (response.status >= 500 || response.status === 429 || response.status === 408)
    return 'api-unavailable';
  // The api refused it for good (a rule, the cylinders moved on): kept, shown, never resent.
  await db.update(command.seq!, { status: 'refused' });
  return undefined;
}

function describe(
  answer: { message?: string | string[]; scanConflict?: { conflictId: string } } | undefined,
  status: number,
): string {
  if (answer?.scanConflict) return `scan conflict ${answer.scanConflict.conflictId}`;
  const message = Array.isArray(answer?.message) ? answer.message.join('; ') : answer?.message;
  return message ?? `HTTP ${status}`;
}
