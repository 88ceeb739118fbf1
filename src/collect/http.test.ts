import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentPool, send, type WireRequest } from './http.js';

/**
 * A server that answers the first request of each connection and drops the connection, unanswered,
 * when a second request arrives on it: what a proxy that closes kept-alive connections without
 * saying so (tinyproxy) looks like to a client that reuses them.
 */
let server: Server;
let port = 0;
let connections = 0;
beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    let requests = 0;
    socket.on('data', () => {
      requests++;
      if (requests === 1) socket.write('HTTP/1.1 401 Unauthorized\r\ncontent-length: 2\r\n\r\nno');
      else socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (method: string): WireRequest => ({
  method,
  url: new URL(`http://127.0.0.1:${port}/v1/items`),
  headers: [],
  ...(method === 'POST' ? { body: '{}' } : {}),
});

describe('send: a kept-alive connection closed before the answer', () => {
  it('a GET is sent again once, on a new connection', async () => {
    const agents = new AgentPool();
    try {
      const first = await send(request('GET'), { timeoutMs: 5000, agents });
      const before = connections;
      const second = await send(request('GET'), { timeoutMs: 5000, agents });
      expect(first.ok && first.response.status).toBe(401);
      expect(second.ok && second.response.status).toBe(401);
      expect(connections).toBe(before + 1);
    } finally {
      agents.destroy();
    }
  });

  it('a POST is not sent twice: the failure is reported', async () => {
    const agents = new AgentPool();
    try {
      await send(request('GET'), { timeoutMs: 5000, agents });
      const post = await send(request('POST'), { timeoutMs: 5000, agents });
      expect(post.ok).toBe(false);
    } finally {
      agents.destroy();
    }
  });
});
