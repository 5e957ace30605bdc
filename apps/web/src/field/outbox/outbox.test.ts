import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '../../auth/session';
import { FieldDatabase, fieldDb, useFieldDb } from './field-db';
import { allCommands, enqueue } from './outbox';
import { sendQueued, type Transport } from './send-queued';
import { userTransport } from './user-transport';

/** A stand-in api that records what reached it and answers as scripted per call. */
function recordingApi(answer: (request: Request, seen: number) => Response | 'offline') {
  const received: { key: string; path: string; body: string }[] = [];
  const transport: Transport = {
    async send(request) {
      const reply = answer(request, received.length);
      if (reply === 'offline') throw new TypeError('Failed to fetch');
      received.push({
        key: request.headers.get('Idempotency-Key')!,
        path: new URL(request.url, 'http://phone').pathname,
        body: await request.text(),
      });
      return reply;
    },
  };
  return { transport, received };
}

const json = (status: number, body: unknown = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const load = (userId: string, serial: string) =>
  enqueue({
    userId,
    path: '/trips/t1/load',
    json: { serials: [serial] },
    subject: { kind: 'load', tripId: 't1', serials: [serial] },
  });

beforeEach(() => useFieldDb(new FieldDatabase(`test-${crypto.randomUUID()}`)));

describe('the outbox', () => {
  it('sends every queued command once, in the order made, across several batches', async () => {
    for (let i = 0; i < 45; i++) await load('driver-1', `S${i}`);
    const api = recordingApi(() => json(200));
    const result = await sendQueued('driver-1', api.transport, 20);
    expect(result).toMatchObject({ sent: 45, remaining: 0 });
    expect(api.received.map((r) => JSON.parse(r.body).serials[0])).toEqual(
      Array.from({ length: 45 }, (_, i) => `S${i}`),
    );
    expect(new Set(api.received.map((r) => r.key)).size).toBe(45);
  });

  it('stops when offline and later resends the same key and the exact same bytes', async () => {
    const made = await load('driver-1', 'A1');
    await load('driver-1', 'A2');
    const offline = recordingApi(() => 'offline');
    expect(await sendQueued('driver-1', offline.transport)).toMatchObject({
      stoppedBy: 'offline',
      remaining: 2,
    });
    const online = recordingApi(() => json(200));
    await sendQueued('driver-1', online.transport);
    expect(online.received[0]).toEqual({
      key: made.key,
      path: '/api/v1/trips/t1/load',
      body: made.body,
    });
    expect(JSON.parse(online.received[0].body).occurredAt).toBe(made.madeAt);
  });

  it('retries a command the api is still working on instead of skipping it', async () => {
    await load('driver-1', 'B1');
    await load('driver-1', 'B2');
    const busy = recordingApi(() => json(409, { error: 'idempotency.in-progress' }));
    expect(await sendQueued('driver-1', busy.transport)).toMatchObject({
      stoppedBy: 'in-progress',
      remaining: 2,
    });
    expect(busy.received).toHaveLength(1);
    const later = recordingApi(() => json(200));
    expect(await sendQueued('driver-1', later.transport)).toMatchObject({ sent: 2 });
  });

  it('keeps a refused command with its reason and a kept scan conflict as a conflict, and goes on', async () => {
    await load('driver-1', 'C1');
    await load('driver-1', 'C2');
    await load('driver-1', 'C3');
    const api = recordingApi((_, seen) =>
      seen === 0
        ? json(409, { message: 'cylinder C1 is not FULL at the origin' })
        : seen === 1
          ? json(202, { scanConflict: { conflictId: 'k1' } })
          : json(200),
    );
    await sendQueued('driver-1', api.transport);
    const commands = await allCommands('driver-1');
    expect(commands.map((c) => c.status)).toEqual(['refused', 'conflict', 'done']);
    expect(commands[0].outcome?.message).toContain('not FULL');
    // a refused command is not sent again
    const again = recordingApi(() => json(200));
    await sendQueued('driver-1', again.transport);
    expect(again.received).toHaveLength(0);
  });

  it("keeps a user's commands through a logout and sends only that user's", async () => {
    await load('driver-1', 'D1');
    await load('driver-2', 'D2');
    const loggedOut = recordingApi(() => json(401, { message: 'token expired' }));
    expect(await sendQueued('driver-1', loggedOut.transport)).toMatchObject({
      stoppedBy: 'logged-out',
      remaining: 1,
    });
    const api = recordingApi(() => json(200));
    await sendQueued('driver-1', api.transport);
    expect(api.received.map((r) => JSON.parse(r.body).serials)).toEqual([['D1']]);
  });

  it("never sends a user's queue while another user is logged in on the phone", async () => {
    const made = await load('driver-1', 'G1');
    setSession({
      accessToken: 'token-of-driver-2',
      refreshToken: 'r2',
      user: { id: 'driver-2', username: 'other', role: 'driver' },
    });
    const seen: (string | null)[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      seen.push(request.headers.get('Authorization'));
      return json(200);
    });
    expect(await sendQueued('driver-1', userTransport('driver-1'))).toMatchObject({
      stoppedBy: 'other-user',
      remaining: 1,
    });
    expect(seen).toEqual([]);
    // untouched: not even counted as an attempt
    expect((await allCommands('driver-1'))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await allCommands('driver-1'))[0].firstSentAt).toBeUndefined();

    setSession({
      accessToken: 'token-of-driver-1',
      refreshToken: 'r1',
      user: { id: 'driver-1', username: 'driver', role: 'driver' },
    });
    expect(await sendQueued('driver-1', userTransport('driver-1'))).toMatchObject({ sent: 1 });
    expect(seen).toEqual(['Bearer token-of-driver-1']);
    expect((await allCommands('driver-1'))[0]).toMatchObject({ key: made.key, status: 'done' });
  });

  it('stops sending the moment another user logs in during a sync', async () => {
    await load('driver-1', 'H1');
    await load('driver-1', 'H2');
    setSession({
      accessToken: 'token-of-driver-1',
      refreshToken: 'r1',
      user: { id: 'driver-1', username: 'driver', role: 'driver' },
    });
    const seen: string[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      seen.push(JSON.parse(await request.text()).serials[0]);
      setSession({
        accessToken: 'token-of-driver-2',
        refreshToken: 'r2',
        user: { id: 'driver-2', username: 'other', role: 'driver' },
      });
      return json(200);
    });
    expect(await sendQueued('driver-1', userTransport('driver-1'))).toMatchObject({
      sent: 1,
      stoppedBy: 'other-user',
      remaining: 1,
    });
    expect(seen).toEqual(['H1']);
  });

  it('refuses to edit a command once it was sent', async () => {
    const made = await load('driver-1', 'E1');
    await sendQueued('driver-1', recordingApi(() => 'offline').transport);
    await expect(
      fieldDb().commands.update(made.seq!, { body: '{"serials":["X"]}' }),
    ).rejects.toThrow(/cannot change/);
  });

  it('refreshes an expired access token and resends with the same key and body', async () => {
    setSession({
      accessToken: 'expired',
      refreshToken: 'refresh-1',
      user: { id: 'driver-1', username: 'driver', role: 'driver' },
    });
    const made = await load('driver-1', 'F1');
    const calls: { url: string; auth: string | null; key: string | null; body: string }[] = [];
    vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
      const request =
        input instanceof Request ? input : new Request(new URL(input, location.origin), init);
      calls.push({
        url: new URL(request.url).pathname,
        auth: request.headers.get('Authorization'),
        key: request.headers.get('Idempotency-Key'),
        body: await request.text(),
      });
      if (request.url.endsWith('/auth/refresh'))
        return json(200, { accessToken: 'fresh', refreshToken: 'refresh-2' });
      return request.headers.get('Authorization') === 'Bearer fresh'
        ? json(200)
        : json(401, { error: 'auth.token-expired' });
    });
    expect(await sendQueued('driver-1', userTransport('driver-1'))).toMatchObject({ sent: 1 });
    const sends = calls.filter((call) => call.url === '/api/v1/trips/t1/load');
    expect(sends.map((call) => call.auth)).toEqual(['Bearer expired', 'Bearer fresh']);
    expect(sends.map((call) => call.key)).toEqual([made.key, made.key]);
    expect(sends.map((call) => call.body)).toEqual([made.body, made.body]);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  setSession(null);
});
