import { fieldDb, type CommandSubject, type QueuedCommand } from './field-db';

export interface NewCommand {
  userId: string;
  method?: 'POST' | 'PUT';
  path: string;
  subject: CommandSubject;
  /** A JSON body; `occurredAt` is set to the moment the command is made. */
  json?: Record<string, unknown>;
  /** Or a binary body (a proof image). */
  blob?: Blob;
  /** When it happened, if not now. */
  at?: Date;
}

/** Makes a command: its key and exact body are fixed here, once. */
export async function enqueue(command: NewCommand): Promise<QueuedCommand> {
  const madeAt = (command.at ?? new Date()).toISOString();
  const queued: QueuedCommand = {
    key: crypto.randomUUID(),
    userId: command.userId,
    method: command.method ?? 'POST',
    path: command.path,
    contentType: command.blob ? command.blob.type : 'application/json',
    body: command.blob ?? JSON.stringify({ ...command.json, occurredAt: madeAt }),
    madeAt,
    subject: command.subject,
    status: 'pending',
    attempts: 0,
  };
  queued.seq = await fieldDb().commands.add(queued);
  return queued;
}

/** The user's commands not yet answered for good, oldest first. */
export function pendingCommands(userId: string): Promise<QueuedCommand[]> {
  return fieldDb().commands.where({ userId, status: 'pending' }).sortBy('seq');
}

export function allCommands(userId: string): Promise<QueuedCommand[]> {
  return fieldDb().commands.where({ userId }).sortBy('seq');
}
