import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/**
 * Closes the api's HTTP side first: no new connections, `Connection: close` on every answer
 * still to go (so keep-alive clients leave after their request), idle sockets closed now, and
 * the requests in flight answered. Resolves when the last connection has closed.
 */
export function drainHttp(app: INestApplication): () => Promise<void> {
  const server = app.getHttpServer() as Server;
  let draining = false;
  server.on('request', (_request, response) => {
    if (draining && !response.headersSent) response.setHeader('Connection', 'close');
  });
  return () =>
    new Promise<void>((resolve) => {
      draining = true;
      server.close(() => resolve());
      server.closeIdleConnections();
      // A keep-alive socket that turns idle after its last answer is closed as it does.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      server.once('close', () => clearInterval(sweep));
    });
}
