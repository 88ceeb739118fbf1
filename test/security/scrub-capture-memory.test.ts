/**
 * Issue 13 item 6: a running capture must never forget a credential it has seen. The scrubber
 * remembered 1,024 values, oldest out: a few calls with hundreds of token-like headers flushed a
 * key seen earlier, and a server echoing it later had it printed in full. Here the server echoes
 * the first key it ever received in every refusal; the app's first call carries the key, then
 * calls with 300 token-like headers each, then one more call: no line of capture shows the key.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startCli, startOrigin, type Origin, type Running } from '../capture/support.js';
import { leakedRuns } from './decoded-forms.js';

const KEY = `sk-live-${randomBytes(30).toString('base64url')}`;
const token = () => randomBytes(30).toString('base64url');

let upstream: Origin;
let cap: Running;
let firstKey = '';

beforeAll(async () => {
  upstream = await startOrigin((req, res) => {
    const auth = String(req.headers['authorization'] ?? '').replace(/^Bearer\s+/, '');
    firstKey ||= auth;
    res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
    res.end(
      `invalid key; the first key you sent was ${firstKey}, hex ${Buffer.from(firstKey).toString('hex')}`,
    );
  });
  cap = await startCli([
    'capture',
    '--target',
    upstream.origin,
    '--port',
    '0',
    '--json',
    '--timeout',
    '60000',
  ]);
});
afterAll(async () => {
  await cap?.stop();
  await upstream?.stop();
});

describe('capture remembers every credential it diagnosed', () => {
  it('a key seen first survives calls with 1,200 token-like headers', async () => {
    await send(`${cap.origin}/v1/first`, { headers: [['Authorization', `Bearer ${KEY}`]] });
    const calls = 4;
    for (let c = 0; c < calls; c++) {
      const headers: [string, string][] = [['Authorization', `Bearer ${token()}`]];
      for (let h = 0; h < 300; h++) headers.push([`X-Token-${c}-${h}`, token()]);
      const answer = await send(`${cap.origin}/v1/flood/${c}`, { headers });
      expect(answer.status).toBe(401);
    }
    await send(`${cap.origin}/v1/last`, { headers: [['Authorization', `Bearer ${token()}`]] });
    const lines = await cap.lines(calls + 2);
    expect(lines.join('\n')).toContain('/v1/last');
    const { stdout, stderr } = { stdout: cap.stdout(), stderr: cap.stderr() };
    expect(leakedRuns(KEY, `${stdout}\n${stderr}`)).toEqual([]);
  });
});
