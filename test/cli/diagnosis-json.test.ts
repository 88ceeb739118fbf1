/**
 * One Diagnosis (issue 15): the library's object and `check --json` are the same object, and it has
 * exactly the fields docs/api.md lists (the CLI contract's first, with the types it gives them).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, diagnoseExchange } from '../../src/index.js';
import { BIN, ROOT, type Run } from './helpers.js';

/** A random canary key: no test key is a real one. */
const KEY = `sk-proj-${randomBytes(18).toString('hex')}`;

let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    // No Date header: the two runs must get byte-identical answers.
    res.sendDate = false;
    const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    res.writeHead(401, {
      'content-type': 'application/json',
      'www-authenticate': 'Bearer error="invalid_token"',
    });
    // The key echoed back: both must scrub it the same way.
    res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${key}` } }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/models`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
});

function cli(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Timings differ from run to run: everything else must not. */
function withoutTimings(value: unknown): unknown {
  const plain = JSON.parse(JSON.stringify(value)) as { exchanges?: { elapsedMs?: number }[] };
  for (const x of plain.exchanges ?? []) x.elapsedMs = 0;
  return plain;
}

async function checkJson(): Promise<Record<string, unknown>> {
  const run = await cli([
    'check',
    url,
    '-H',
    `Authorization: Bearer ${KEY}`,
    '--no-probe',
    '--no-proxy',
    '--json',
  ]);
  expect(run.status, run.stderr).toBe(1);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** The field names of `interface <name> { … }` in docs/api.md's code blocks, in order. */
function documentedFields(name: string): string[] {
  const doc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
  const block = new RegExp(`^interface ${name} \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(doc);
  if (!block?.[1]) throw new Error(`docs/api.md documents no interface ${name}`);
  return [...block[1].matchAll(/^ {2}(\w+):/gm)].map((m) => m[1] ?? '');
}

describe('one Diagnosis', () => {
  it('docs/cli.md documents the same fields as docs/api.md (the Diagnosis and each finding)', () => {
    const cli = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
    const blockAfter = (heading: string): string => {
      const at = cli.indexOf(heading);
      expect(at, heading).toBeGreaterThanOrEqual(0);
      return /```\n([\s\S]*?)```/.exec(cli.slice(at))?.[1] ?? '';
    };
    const diagnosis = blockAfter('### why401/diagnosis@1');
    for (const field of documentedFields('Diagnosis'))
      expect(diagnosis, `docs/cli.md diagnosis@1: ${field}`).toContain(`"${field}"`);
    const finding = blockAfter('A finding is always the same object');
    for (const field of documentedFields('DiagnosisFinding'))
      expect(finding, `docs/cli.md finding: ${field}`).toContain(`"${field}"`);
  });

  it('the library returns the object check --json prints (timings aside)', async () => {
    const cliJson = await checkJson();
    const lib = await diagnose(
      { url, headers: { Authorization: `Bearer ${KEY}` } },
      { probe: false, proxy: null },
    );
    expect(withoutTimings(lib)).toEqual(withoutTimings(cliJson));
    // The echoed key is scrubbed in both.
    expect(JSON.stringify(lib)).not.toContain(KEY.slice(8, 20));
    expect(JSON.stringify(cliJson)).not.toContain(KEY.slice(8, 20));
  });

  it('diagnoseExchange makes the same shape', async () => {
    const d = await diagnoseExchange(
      { url, headers: { Authorization: `Bearer ${KEY}` } },
      { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: '' },
    );
    expect(Object.keys(d)).toEqual(documentedFields('Diagnosis'));
    for (const f of d.findings)
      expect(Object.keys(f)).toEqual(documentedFields('DiagnosisFinding'));
  });

  it('check --json has exactly the fields docs/api.md lists, the contract’s with its types', async () => {
    const d = await checkJson();
    expect(Object.keys(d)).toEqual(documentedFields('Diagnosis'));
    // spec/cli.md's fields first, in its order.
    expect(documentedFields('Diagnosis')).toEqual([
      'schema',
      'target',
      'credential',
      'verdict',
      'findings',
      'exchanges',
    ]);
    expect(d['schema']).toBe('why401/diagnosis@1');
    expect(Object.keys(d['target'] as object)).toEqual(['url', 'method', 'provider']);
    expect(Object.keys(d['credential'] as object)).toEqual(
      expect.arrayContaining(['source', 'redacted', 'length', 'fingerprint']),
    );
    expect(Object.keys(d['verdict'] as object)).toEqual(
      expect.arrayContaining(['status', 'cause', 'summary']),
    );
    const findings = d['findings'] as Record<string, unknown>[];
    expect(findings.length).toBeGreaterThan(0);
    const fields = documentedFields('DiagnosisFinding');
    expect(fields.slice(0, 5)).toEqual(['id', 'severity', 'title', 'evidence', 'fix']);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(fields);
      for (const k of ['id', 'severity', 'title', 'evidence', 'fix', 'confidence', 'docs'])
        expect(typeof f[k], k).toBe('string');
      expect(Array.isArray(f['evidenceLines'])).toBe(true);
      expect(f['evidence']).toBe((f['evidenceLines'] as string[]).join('; '));
      expect(typeof f['data']).toBe('object');
    }
    const exchanges = d['exchanges'] as Record<string, unknown>[];
    expect(exchanges.length).toBeGreaterThan(0);
    for (const x of exchanges) {
      expect(Object.keys(x)).toEqual(
        expect.arrayContaining(['label', 'request', 'response', 'error', 'elapsedMs']),
      );
      expect(Object.keys(x['request'] as object)).toEqual(
        expect.arrayContaining(['method', 'url', 'headers']),
      );
      expect(Object.keys(x['response'] as object)).toEqual(
        expect.arrayContaining(['status', 'headers', 'body', 'layer']),
      );
    }
  });
});
