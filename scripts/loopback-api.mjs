// A loopback API for the scripts that run the built CLI (bench, code cache): `Bearer <key>` → 200,
// anything else → 401 with a Bearer challenge and an OpenAI-like error body. 127.0.0.1 only.
import { createServer } from 'node:http';

/** Starts the API; resolves to its /v1/models URL and a `close`. */
export async function startLoopbackApi(key) {
  const server = createServer((req, res) => {
    const ok = req.headers.authorization === `Bearer ${key}`;
    res.writeHead(ok ? 200 : 401, {
      'content-type': 'application/json',
      ...(ok ? {} : { 'www-authenticate': 'Bearer error="invalid_token"' }),
    });
    res.end(
      ok ? '{"data":[]}' : '{"error":{"message":"Incorrect API key","code":"invalid_api_key"}}',
    );
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${server.address().port}/v1/models`,
    close: () => server.close(),
  };
}
