import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
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

const KEY = makeKey('t0k-', 40);
const WRONG = makeKey('t0k-', 40);

describe.skipIf(!hasChromium)('capture --ui: the live view in headless Chromium', () => {
  let api: Origin;
  let cap: Running;
  let browser: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    api = await startOrigin((req, res) => {
      const ok = req.headers['authorization'] === `Bearer ${KEY}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(
        ok
          ? '{"data":[]}'
          : JSON.stringify({
              error: { message: `Invalid key ${req.headers['authorization'] ?? ''}` },
            }),
      );
    });
    cap = await startCli(['capture', '--target', api.origin, '--port', '0', '--ui', '--json']);
    profile = mkdtempSync(join(tmpdir(), 'why401-chromium-'));
    browser = await launchChromium(profile);
  });

  afterAll(async () => {
    await browser?.close();
    await cap?.stop();
    await api?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('lists calls as they happen, filters them, shows a call on click, and shows no key', async () => {
    const page = await browser.newPage();
    await page.goto(`${cap.origin}/__why401/`);
    await page.waitForSelector('#counts');
    // Calls made after the page is open arrive over server-sent events.
    await send(`${cap.origin}/v1/models`, { headers: [['Authorization', `Bearer ${KEY}`]] });
    await send(`${cap.origin}/v1/models`, { headers: [['Authorization', `Bearer ${WRONG}`]] });
    await send(`${cap.origin}/v1/chat`);
    await page.locator('tr.call').nth(2).waitFor(); // the third row
    expect(await page.textContent('#counts')).toBe('3 calls · 2 refused');

    await page.selectOption('#show', 'refused');
    expect(await page.locator('tr.call:visible').count()).toBe(2);
    await page.selectOption('#show', 'all');
    await page.fill('#filter', 'header.missing');
    expect(await page.locator('tr.call:visible').count()).toBe(1);
    await page.locator('tr.call:visible').click();
    await page.waitForSelector('.detail .finding');
    expect(await page.textContent('.detail h2')).toBe('GET /v1/chat → 401');
    expect(await page.textContent('.detail .finding .id')).toBe('header.missing');
    await page.fill('#filter', '');

    const shot = await page.screenshot({ fullPage: false });
    writeFileSync(join(tmpdir(), 'why401-live-view.png'), shot);
    expect(shot.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(shot.length).toBeGreaterThan(10_000);
    expect(await page.locator('tr.call').first().isVisible()).toBe(true);

    const html = await page.content();
    const calls = await (await fetch(`${cap.origin}/__why401/calls`)).text();
    expectNoCredential(html, [KEY, WRONG], 'page');
    expectNoCredential(calls, [KEY, WRONG], 'calls feed');
    await page.close();
  });

  it('answers the live view on loopback names only', async () => {
    const got = await send(`${cap.origin}/__why401/`, { headers: [['Host', 'attacker.example']] });
    expect(got.status).toBe(403);
  });
});
