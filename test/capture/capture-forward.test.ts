import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { selfSigned } from '../support/self-signed.js';
import { expectNoCredential, startCli } from './support.js';

const KEY = `sk-proj-${makeKey('', 48)}T3BlbkFJ${makeKey('', 48)}`;

function curl(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', ...args],
      { env: { PATH: process.env['PATH'] ?? '' } },
      (_e, stdout, stderr) => resolve({ stdout, stderr }),
    );
  });
}

describe('why401 capture --forward', () => {
  let api: Server;
  let dir: string;

  beforeAll(async () => {
    api = createServer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'why401-capture-forward-'));
  });

  afterAll(() => {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('intercepts HTTPS for a client that trusts --ca-out, sends it where --map says, and diagnoses the refusal', async () => {
    const caOut = join(dir, 'ca.pem');
    const port = (api.address() as AddressInfo).port;
    const cli = await startCli([
      'capture',
      '--forward',
      '--port',
      '0',
      '--no-env',
      '--ca-out',
      caOut,
      '--map',
      `api.openai.test=http://127.0.0.1:${port}`,
    ]);
    // a failed expectation must not leave the proxy (and its CA folder) behind
    onTestFinished(() => {
      if (cli.child.exitCode === null) cli.child.kill('SIGTERM');
    });
    expect(readFileSync(caOut, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const bundleOf = () => /system roots \+ the CA: (\S+)/.exec(cli.stderr())?.[1];
    await expect.poll(bundleOf).toBeDefined();
    const bundle = bundleOf() ?? '';
    expect(existsSync(bundle)).toBe(true);
    const r = await curl([
      '--proxy',
      cli.origin,
      '--cacert',
      caOut,
      '-H',
      `Authorization: Bearer ${KEY}`,
      'https://api.openai.test/v1/models',
    ]);
    expect(r.stdout).toContain('invalid_api_key');
    const [line] = await cli.lines(1, (l) => l.includes('/v1/models'));
    expect(line).toMatch(/GET api\.openai\.test\/v1\/models {2}401 .*credential\.invalid/);
    const end = await cli.stop();
    expect(end.code).toBe(1);
    expect(existsSync(bundle)).toBe(false); // the temp folder went with the run
    expect(existsSync(caOut)).toBe(true); // --ca-out is the user's file
    expectNoCredential(end.stdout + end.stderr, [KEY], 'capture --forward');
  });

  it('passes a connection to an API whose certificate does not verify on untouched: curl trusting that certificate gets the real server, and is told why it was not seen', async () => {
    const tls = selfSigned();
    const own = createHttpsServer(tls, (_req, res) => res.end('the real server'));
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    const serverCert = join(dir, 'server.pem');
    writeFileSync(serverCert, tls.cert);
    const cli = await startCli(['capture', '--forward', '--port', '0', '--no-env']);
    onTestFinished(() => {
      own.close();
      if (cli.child.exitCode === null) cli.child.kill('SIGTERM');
    });
    const port = (own.address() as AddressInfo).port;
    const r = await curl([
      '--proxy',
      cli.origin,
      '--cacert',
      serverCert,
      `https://127.0.0.1:${port}/`,
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('the real server');
    await expect
      .poll(() => cli.stderr())
      .toContain(
        `why401 capture: 127.0.0.1:${port}: its certificate does not verify against the system's roots or your CA files (self-signed? DEPTH_ZERO_SELF_SIGNED_CERT): tunnelled so your app decides, not seen.`,
      );
    await cli.stop();
  });

  it('refuses --map without --forward, and --forward with --target', async () => {
    await expect(
      startCli(['capture', '--target', 'http://127.0.0.1:9', '--map', 'a=http://b']),
    ).rejects.toThrow(/--map and --ca-out go with --forward/);
    await expect(
      startCli(['capture', '--forward', '--target', 'http://127.0.0.1:9']),
    ).rejects.toThrow(/--target ORIGIN \(a reverse proxy\) or --forward, not both/);
  });
});
