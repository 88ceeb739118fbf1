/**
 * capture and redirects (issue 14, item 7): a Location that is the target's own absolute URL is
 * rewritten to capture's address (the app's next call stays seen and keeps its key); one to
 * another origin is passed on and said. Identical refusals print once and a count.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import {
  expectNoCredential,
  jsonLines,
  send,
  startCli,
  startOrigin,
  type Origin,
  type Running,
} from './support.js';

const KEY = makeKey('t0k-', 40);
const WRONG = makeKey('t0k-', 40);

describe('capture and redirects', () => {
  let api: Origin;
  let other: Origin;
  let capture: Running;
  let dir: string;
  let log: string;
  beforeAll(async () => {
    other = await startOrigin((_req, res) => res.end('elsewhere'));
    api = await startOrigin((req, res) => {
      const url = req.url ?? '/';
      if (url === '/v1/self') {
        // The API names itself in full, as many do behind their own domain.
        res.writeHead(302, { location: `${api.origin}/v1/landed?page=2` });
        res.end();
      } else if (url === '/v1/away') {
        res.writeHead(307, {
          location: `${other.origin.replace('127.0.0.1', 'localhost')}/elsewhere`,
        });
        res.end();
      } else if (req.headers['authorization'] === `Bearer ${KEY}`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":[]}');
      } else {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
        res.end('{"error":{"message":"Invalid API key."}}');
      }
    });
    dir = mkdtempSync(join(tmpdir(), 'why401-capture-redirects-'));
    log = join(dir, 'calls.jsonl');
    capture = await startCli(['capture', '--target', api.origin, '--port', '0', '--log', log]);
  });
  afterAll(async () => {
    await capture?.stop().catch(() => undefined);
    await api?.stop();
    await other?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("rewrites a Location at the target to capture's address: the next call is seen and keeps its key", async () => {
    const hop = await send(`${capture.origin}/v1/self`, {
      headers: [['Authorization', `Bearer ${KEY}`]],
    });
    expect(hop.status).toBe(302);
    expect(hop.headers.location).toBe(`${capture.origin}/v1/landed?page=2`);
    // fetch follows it: through capture, same origin, Authorization kept.
    const res = await fetch(`${capture.origin}/v1/self`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"data":[]}');
    const lines = await capture.lines(3);
    expect(lines.filter((l) => /GET \/v1\/self {2}302 /.test(l))).toHaveLength(2);
    expect(lines.filter((l) => /GET \/v1\/landed\?page=2 {2}200 /.test(l))).toHaveLength(1);
  });

  it('passes a Location to another origin on unchanged, and says so once per origin', async () => {
    const elsewhere = `${other.origin.replace('127.0.0.1', 'localhost')}/elsewhere`;
    for (let i = 0; i < 3; i++) {
      const hop = await send(`${capture.origin}/v1/away`, {
        headers: [['Authorization', `Bearer ${KEY}`]],
      });
      expect(hop.status).toBe(307);
      expect(hop.headers.location).toBe(elsewhere);
    }
    await capture.lines(6);
    const notices = capture
      .stderr()
      .split('\n')
      .filter((l) => l.includes('another origin'));
    expect(notices).toEqual([
      `why401 capture: redirect: 307 for GET /v1/away sends the app to ${elsewhere.replace('/elsewhere', '')}, another origin: its next call goes there directly, not through capture (not seen), and clients send no Authorization there`,
    ]);
  });

  it('prints a refusal repeated the same way once, then a count; --log keeps every call', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await send(`${capture.origin}/v1/models`, {
        headers: [['Authorization', `Bearer ${WRONG}`]],
      });
      expect(res.status).toBe(401);
    }
    await send(`${capture.origin}/v1/models`, { headers: [['Authorization', `Bearer ${KEY}`]] });
    await capture.lines(8); // 6 before, the refusal once, the accepted call
    const { stdout, stderr } = await capture.stop();
    const lines = stdout.split('\n').filter((l) => l.includes('/v1/models'));
    const full = lines.filter((l) => l.includes('✖'));
    expect(full).toHaveLength(1);
    expect(full[0]).toMatch(/GET \/v1\/models {2}401 .*✖ credential\.invalid/);
    const counts = lines.filter((l) => / ×\d+ since /.test(l));
    expect(counts.at(-1)).toMatch(
      /GET \/v1\/models {2}401 {2}×40 since \d\d:\d\d:\d\d, same cause: credential\.invalid$/,
    );
    expect(lines.filter((l) => / 200 /.test(l))).toHaveLength(1);
    expect(lines.length).toBeLessThan(10);
    const records = jsonLines(readFileSync(log, 'utf8'));
    expect(records.filter((r) => r['path'] === '/v1/models' && r['status'] === 401)).toHaveLength(
      40,
    );
    expect(stderr).toMatch(/47 calls, 40 refused: credential\.invalid ×40/);
    expectNoCredential(stdout + stderr + readFileSync(log, 'utf8'), [KEY, WRONG], 'output');
  });
});
