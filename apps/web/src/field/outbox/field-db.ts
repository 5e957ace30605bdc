import Dexie, { type EntityTable } from 'dexie';

export type CommandStatus = 'pending' | 'done' | 'conflict' | 'refused';

/**
 * One command made on the phone, kept until the api has answered it for good. `key` (the
 * `Idempotency-Key`) and `body` (the exact bytes to send) are made once, when the command is
 * made, and never change: the api keeps the answer per (user, key) and compares a retry's body
 * with the first one, so a re-serialised body would be refused as a different request.
 */
export interface QueuedCommand {
  seq?: number;
  key: string;
  userId: string;
  method: 'POST' | 'PUT';
  /** Under /api/v1, e.g. `/trips/<id>/deliveries`. */
  path: string;
  contentType: string;
  body: string | Blob;
  /** When it happened on the phone (also `occurredAt` in JSON bodies). */
  madeAt: string;
  /** What it is about, for the screens: which trip, stop, serials. */
  subject: CommandSubject;
  status: CommandStatus;
  attempts: number;
  firstSentAt?: string;
  lastAttemptAt?: string;
  /** The api's last answer, or the network's failure. */
  outcome?: { status?: number; message: string; at: string };
}

export type CommandSubject =
  | { kind: 'load'; tripId: string; serials: string[] }
  | {
      kind: 'delivery';
      tripId: string;
      facilityId: string;
      delivered: string[];
      collected: string[];
      receivedBy: string;
    }
  | { kind: 'proof-image'; tripId: string; facilityId: string; role: 'signature' | 'photo' }
  | { kind: 'unload'; tripId: string; facilityId: string; serials: string[] }
  | { kind: 'complete'; tripId: string }
  | { kind: 'cylinder'; action: CylinderAction; serial: string }
  | { kind: 'receipt'; tripId: string; facilityId: string; received: string[]; missing: string[] };

export type CylinderAction = 'in-use' | 'empty' | 'quarantine' | 'lost';

/** Reference data kept for offline work, per user: trips, manifests, facilities, cylinders. */
export interface CachedEntry {
  id: string; // `${userId}:${name}`
  userId: string;
  value: unknown;
  savedAt: string;
}

export interface SyncLog {
  userId: string;
  lastSyncAt: string;
}

export class FieldDatabase extends Dexie {
  commands!: EntityTable<QueuedCommand, 'seq'>;
  cache!: EntityTable<CachedEntry, 'id'>;
  syncs!: EntityTable<SyncLog, 'userId'>;

  constructor(name = 'oxyledger-field') {
    super(name);
    this.version(1).stores({
      commands: '++seq, &key, [userId+status], userId',
      cache: 'id, userId',
      syncs: 'userId',
    });
    // What was sent once is never edited: the outbox may only record answers to it.
    this.commands.hook('updating', (changes, _key, command) => {
      if (!command.firstSentAt) return undefined;
      const frozen = [
        'key',
        'userId',
        'method',
        'path',
        'contentType',
        'body',
        'madeAt',
        'subject',
      ];
      const touched = Object.keys(changes).filter((field) => frozen.includes(field));
      if (touched.length > 0) {
        throw new Error(
          `command ${command.key} was sent; ${touched.join(', ')} cannot change (make a new command)`,
        );
      }
      return undefined;
    });
  }
}

let database: FieldDatabase | undefined;

export function fieldDb(): FieldDatabase {
  database ??= new FieldDatabase();
  return database;
}

/** Tests use a fresh database each. */
export function useFieldDb(db: FieldDatabase): void {
  database = db;
}
