import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { hasChromium, launchChromium } from './chromium.js';
import {
  expectNoCredential,
  send,
  startCli,
  startOrigin,
  type Origin,
  type Running,
} from './support.js';

const KEY = `sk-proj-${makeKey('', 48)}T3BlbkFJ${makeKey('', 48)}`;
const OTHER_KEY = makeKey('t0k-', 40);

/** curl through the proxy (async: the proxy is another process, but the origins live here). */
function curl(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', ...args], { env: { PATH: process.env['PATH'] ?? '' } }, (_e, out) =>
      resolve(out),
    );
  });
}

describe.skipIf(!hasChromium)('capture --forward --ui in headless Chromium', () => {
  let refuser: Origin;
  let accepter: Origin;
  let cap: Running;
  let live: string;
  let browser: BrowserContext;
  let dir: string;

  beforeAll(async () => {
    // Echoes the key back, as some APIs do: the page must still never hold it.
    refuser = await startOrigin((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${req.headers['authorization'] ?? ''}`,
            code: 'invalid_api_key',
          },
        }),
      );
    });
    accepter = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    dir = mkdtempSync(join(tmpdir(), 'why401-live-forward-'));
    cap = await startCli([
      'capture',
      '--forward',
      '--port',
      '0',
      '--ui',
      '--no-env',
      '--json',
      '--ca-out',
      join(dir, 'ca.pem'),
      '--map',
      `api.openai.test=${refuser.origin}`,
      '--map',
      `status.example.test=${accepter.origin}`,
    ]);
    const liveOf = () => /Live view: (http:\/\/[\d.:]+)\/__why401\//.exec(cap.stderr())?.[1];
    // said right after the proxy's address, maybe in a later chunk of stderr
    while (liveOf() === undefined && cap.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 20));
    live = liveOf() ?? '';
    browser = await launchChromium(join(dir, 'profile'));
  });

  afterAll(async () => {
    await browser?.close();
    await cap?.stop();
    await refuser?.stop();
    await accepter?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('listens on a port of its own, and says both addresses', () => {
    expect(live).not.toBe(cap.origin);
    expect(cap.stderr()).toContain(`(a port of its own; the proxy is ${cap.origin})`);
  });

  it('lists calls to many hosts with their host, filters by host, shows the cause, and never holds a key', async () => {
    const page = await browser.newPage();
    // Every payload the page gets: documents, script, fetches, and each server-sent event.
    const bodies: Promise<string>[] = [];
    page.on('response', (r: Response) => {
      if (!(r.headers()['content-type'] ?? '').startsWith('text/event-stream'))
        bodies.push(r.text().catch(() => ''));
    });
    const events: string[] = [];
    const cdp = await browser.newCDPSession(page);
    cdp.on('Network.eventSourceMessageReceived', (e) => events.push(e.data));
    await cdp.send('Network.enable');
    await page.goto(`${live}/__why401/`);
    await page.waitForSelector('#counts');
    expect(await page.textContent('header .target')).toBe(`forward proxy ${cap.origin}`);

    const refused = await curl([
      '--proxy',
      cap.origin,
      '--cacert',
      join(dir, 'ca.pem'),
      '-H',
      `Authorization: Bearer ${KEY}`,
      'https://api.openai.test/v1/models',
    ]);
    expect(refused).toContain('invalid_api_key');
    await curl([
      '--proxy',
      cap.origin,
      '-H',
      `X-Api-Key: ${OTHER_KEY}`,
      'http://status.example.test/health',
    ]);
    await page.locator('tr.call').nth(1).waitFor();
    expect(await page.textContent('#counts')).toBe('2 calls · 1 refused');
    expect(await page.locator('th').allTextContents()).toContain('host');
    const hosts = await page.locator('tr.call td.host').allTextContents();
    expect(hosts.sort()).toEqual(['http://status.example.test', 'https://api.openai.test']);

    // The host filter offers each host seen, and shows that host's calls only.
    expect(await page.locator('#host option').allTextContents()).toEqual([
      'all hosts',
      'http://status.example.test',
      'https://api.openai.test',
    ]);
    await page.selectOption('#host', 'https://api.openai.test');
    expect(await page.locator('tr.call:visible').count()).toBe(1);
    expect(await page.textContent('tr.call:visible td.cause')).toBe('credential.invalid');
    await page.locator('tr.call:visible').click();
    await page.waitForSelector('.detail .finding');
    expect(await page.textContent('.detail h2')).toBe(
      'GET https://api.openai.test/v1/models → 401',
    );
    expect(await page.locator('.detail .finding .id').first().textContent()).toBe(
      'credential.invalid',
    );
    await page.selectOption('#host', '');
    // the text filter reads the host too
    await page.fill('#filter', 'status.example');
    expect(await page.locator('tr.call:visible').count()).toBe(1);
    await page.fill('#filter', '');
    await page.screenshot({ path: join(tmpdir(), 'why401-live-forward.png') });

    const dom = await page.content(); // the DOM as it is now, serialized
    const text = await page.innerText('body');
    expect(events.length).toBeGreaterThanOrEqual(2);
    const payloads = await Promise.all(bodies);
    const feed = await (await fetch(`${live}/__why401/calls`)).text();
    expect(feed).toContain('api.openai.test');
    const keys = [KEY, OTHER_KEY];
    expectNoCredential(dom, keys, 'page DOM');
    expectNoCredential(text, keys, 'page text');
    expectNoCredential(events.join('\n'), keys, 'server-sent events');
    expectNoCredential(payloads.join('\n'), keys, 'responses to the page');
    expectNoCredential(feed, keys, 'calls feed');
    await page.close();
  });

  it('answers on loopback names only, and leads / to the page', async () => {
    const foreign = await send(`${live}/__why401/`, { headers: [['Host', 'attacker.example']] });
    expect(foreign.status).toBe(403);
    const root = await send(`${live}/`);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/__why401/');
  });
});

describe('capture --forward --ui: the live view port', () => {
  it('a --ui-port in use is a usage error naming --ui-port', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as AddressInfo;
    try {
      await expect(
        startCli(['capture', '--forward', '--port', '0', '--ui', '--ui-port', String(port)]),
      ).rejects.toThrow(
        new RegExp(`ended \\(2\\).*port ${port} is in use: pick another with --ui-port`),
      );
    } finally {
      taken.close();
    }
  });
});
