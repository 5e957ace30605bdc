import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';

export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/**
 * Opens the app's event stream over real HTTP (supertest would wait for the end of a stream
 * that never ends) and collects its messages as the text/event-stream format frames them.
 */
export async function openEventStream(
  app: INestApplication,
  headers: Record<string, string>,
): Promise<{
  status: number;
  messages: SseMessage[];
  next: (match: (m: SseMessage) => boolean, timeoutMs?: number) => Promise<SseMessage>;
  close: () => void;
  ended: () => Promise<void>;
}> {
  const server = app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
    headers,
    signal: controller.signal,
  });
  const messages: SseMessage[] = [];
  const waiting: (() => void)[] = [];
  let ended: Promise<void> = Promise.resolve();
  if (response.ok && response.body) {
    ended = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const message: SseMessage = {};
            for (const line of frame.split('\n')) {
              if (line.startsWith(':')) message.comment = line.slice(1).trim();
              const [, field, value] = /^(id|event|data): ?(.*)$/.exec(line) ?? [];
              if (field) message[field as 'id' | 'event' | 'data'] = value;
            }
            if (frame.trim()) messages.push(message);
            waiting.splice(0).forEach((wake) => wake());
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    status: response.status,
    messages,
    async next(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`no matching event within ${timeoutMs} ms: ${JSON.stringify(messages)}`);
        }
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => controller.abort(),
    /** Resolves when the server ends the stream. */
    ended: () => ended,
  };
}
