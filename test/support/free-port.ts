import { createServer } from 'node:net';

/**
 * Ports are drawn below Linux's ephemeral range (32768–60999), which the kernel hands to
 * outgoing connections and to listeners on port 0: a port taken from inside it may be in use by
 * any other test's client socket by the time a process binds it.
 */
const LOWEST = 20_000;
const PAST_HIGHEST = 32_000;

/**
 * A port nobody holds now, for a process a test starts and must find on the same port again
 * after killing it (an api, Redis, a PostgreSQL cluster): a random one, since other test runs
 * share the machine, bound for a moment to check it is free.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (PAST_HIGHEST - LOWEST));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${LOWEST}–${PAST_HIGHEST - 1} after 100 tries`);
}

/** Binds every address (IPv6 and IPv4), as the api does. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
