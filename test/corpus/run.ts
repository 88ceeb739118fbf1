/**
 * Runs one corpus case: a loopback server (node:http on 127.0.0.1, and 127.0.0.2 for a second
 * host) answering by the case's rules, real nginx in front when the case says so, and the built
 * CLI `check URL -H … --json` as a user would run it. Used by corpus.test.ts, metamorphic.test.ts
 * and scripts/corpus-rate.mjs (which bundles this file with esbuild): no vitest import here.
 */
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasBinary, startNginxStripper, type Layer } from '../support/layers.js';
import type { Condition, CorpusCase, KeySpec, Reply, ServerSpec, Template } from './types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'why401.cjs');
const KILL_AFTER_MS = 40_000;

// ---------------------------------------------------------------- keys

const ALPHABETS: Record<string, string> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  digits: '0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz0123456789',
};

function random(alphabet: string, n: number): string {
  let out = '';
  // Rejection-free is fine here: the keys only need to look real and differ per run.
  for (const b of randomBytes(n)) out += alphabet[b % alphabet.length];
  return out;
}

/** Fills a key pattern (`gsk_{alnum:52}`); digits patterns never start with 0. */
export function fillPattern(pattern: string): string {
  return pattern.replace(/\{(\w+):(\d+)\}/g, (whole, name: string, n: string) => {
    const alphabet = ALPHABETS[name];
    if (alphabet === undefined) return whole;
    let value = random(alphabet, Number(n));
    if (name === 'digits' && value.startsWith('0')) value = `1${value.slice(1)}`;
    return value;
  });
}

const b64url = (value: string): string => Buffer.from(value).toString('base64url');

export function makeJwt(spec: NonNullable<KeySpec['jwt']>, origin: string): string {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(spec.claims))
    claims[name] = typeof value === 'string' ? value.replaceAll('{{ORIGIN}}', origin) : value;
  for (const [name, offset] of Object.entries(spec.times ?? {})) claims[name] = now + offset;
  const head = b64url(JSON.stringify(spec.header ?? { alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', randomBytes(32)).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export interface Materials {
  /** The key as the app holds it (with `wrap`). */
  readonly key: string;
  /** Without `wrap`. */
  readonly clean: string;
  readonly basic: string;
  origin: string;
  altOrigin: string;
}

export function makeMaterials(spec: KeySpec): Materials {
  // The JWT's {{ORIGIN}} is filled once the server listens (see prepare()).
  const clean = spec.jwt ? '' : fillPattern(spec.pattern ?? '');
  const key = `${spec.wrap?.before ?? ''}${clean}${spec.wrap?.after ?? ''}`;
  const basic = spec.basic
    ? Buffer.from(`${spec.basic.user}:${key}${spec.basic.after ?? ''}`).toString('base64')
    : '';
  return { key, clean, basic, origin: '', altOrigin: '' };
}

export function render(template: Template, m: Materials): string {
  return template
    .replaceAll('{{KEY_URL}}', encodeURIComponent(m.key))
    .replaceAll('{{KEY_CLEAN}}', m.clean)
    .replaceAll('{{KEY_FIRST2}}', m.clean.slice(0, 2))
    .replaceAll('{{KEY_FIRST4}}', m.clean.slice(0, 4))
    .replaceAll('{{KEY_LAST2}}', m.clean.slice(-2))
    .replaceAll('{{KEY_LAST4}}', m.clean.slice(-4))
    .replaceAll('{{KEY}}', m.key)
    .replaceAll('{{BASIC}}', m.basic)
    .replaceAll('{{ALT_ORIGIN}}', m.altOrigin)
    .replaceAll('{{ORIGIN}}', m.origin)
    .replaceAll('{{HOST}}', new URL(m.origin || 'http://127.0.0.1').host);
}

// ---------------------------------------------------------------- servers

function matches(cond: Condition, req: IncomingMessage, url: URL, m: Materials): boolean {
  if ('method' in cond) return req.method === cond.method;
  if ('pathPrefix' in cond) return url.pathname.startsWith(cond.pathPrefix);
  if ('query' in cond)
    return 'absent' in cond
      ? !url.searchParams.get(cond.query)
      : url.searchParams.get(cond.query) === render(cond.equals, m);
  const raw = req.headers[cond.header.toLowerCase()];
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  if ('absent' in cond) return value === undefined || value === '';
  if ('present' in cond) return value !== undefined && value !== '';
  if ('contains' in cond) return value !== undefined && value.includes(render(cond.contains, m));
  return value === render(cond.equals, m);
}

function answer(spec: ServerSpec, m: Materials, origin: () => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin());
      const rule = spec.rules.find((r) => r.when.every((c) => matches(c, req, url, m)));
      const reply: Reply = rule?.reply ?? { status: 500, body: 'no rule matched' };
      const body = render(reply.body ?? '', m);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(reply.headers ?? {}))
        headers[name] = render(value, m);
      if (!('content-length' in headers))
        headers['content-length'] = String(Buffer.byteLength(body));
      res.writeHead(reply.status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  };
}

function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve(`http://${host}:${port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export interface Prepared {
  readonly materials: Materials;
  /** The URL the CLI is pointed at (nginx's when a front is used). */
  readonly url: string;
  readonly args: string[];
  stop(): Promise<void>;
}

/** Whether this case can run here (nginx installed when it needs one). */
export function runnable(c: CorpusCase): { ok: boolean; reason?: string } {
  if (c.front === 'nginx-strip' && !hasBinary('nginx'))
    return { ok: false, reason: 'nginx is not installed' };
  return { ok: true };
}

export async function prepare(c: CorpusCase): Promise<Prepared> {
  const m = makeMaterials(c.key);
  const mutable = m as { key: string; clean: string; basic: string };
  const main = createServer(answer(c.server, m, () => m.origin));
  const alt = c.alt ? createServer(answer(c.alt, m, () => m.altOrigin)) : undefined;
  m.origin = await listen(main, '127.0.0.1');
  if (alt) m.altOrigin = await listen(alt, '127.0.0.2');
  if (c.key.jwt) {
    const jwt = makeJwt(c.key.jwt, m.origin);
    mutable.clean = jwt;
    mutable.key = `${c.key.wrap?.before ?? ''}${jwt}${c.key.wrap?.after ?? ''}`;
  }
  let front: Layer | undefined;
  let base = m.origin;
  if (c.front === 'nginx-strip') {
    front = await startNginxStripper({ upstreamPort: Number(new URL(m.origin).port) });
    base = front.url;
  }
  const url = `${base}${render(c.request.path, m)}`;
  const args: string[] = [url];
  for (const [name, value] of Object.entries(c.request.headers))
    args.push('-H', `${name}: ${render(value, m)}`);
  if (c.request.method !== 'GET' || c.request.body !== undefined) args.push('-X', c.request.method);
  if (c.request.body !== undefined) args.push('-d', c.request.body);
  if (c.provider) args.push('--provider', c.provider);
  args.push(...(c.args ?? []));
  return {
    materials: m,
    url,
    args,
    async stop() {
      await close(main);
      if (alt) await close(alt);
      if (front) await front.stop();
    },
  };
}

// ---------------------------------------------------------------- the CLI

/** What `--json` prints: the one Diagnosis of src/diagnosis.ts, serialized. */
export type {
  Diagnosis as DiagnosisJson,
  DiagnosisFinding as FindingJson,
  Exchange as ExchangeJson,
} from '../../src/diagnosis.js';
import type { Diagnosis as DiagnosisJson, Exchange as ExchangeJson } from '../../src/diagnosis.js';

export interface Outcome {
  readonly id: string;
  readonly code: number | null;
  readonly json: DiagnosisJson | undefined;
  readonly stderr: string;
  readonly stdout: string;
  readonly secrets: readonly string[];
}

export function runCli(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'check', ...args, '--json'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** One case end to end: servers up, the CLI run, servers down. */
export async function runCase(c: CorpusCase): Promise<Outcome> {
  const prepared = await prepare(c);
  try {
    const { code, stdout, stderr } = await runCli(prepared.args);
    let json: DiagnosisJson | undefined;
    try {
      json = JSON.parse(stdout) as DiagnosisJson;
    } catch {
      json = undefined;
    }
    const secrets = [prepared.materials.clean].filter((s) => s.length >= 9 && !/^[a-z-]+$/.test(s));
    return { id: c.id, code, json, stderr, stdout, secrets };
  } finally {
    await prepared.stop();
  }
}

// ---------------------------------------------------------------- judging

/** Did the verdict name what a careful human names? */
export function judge(c: CorpusCase, o: Outcome): { pass: boolean; got: string } {
  const verdict = o.json?.verdict;
  const got = verdict ? `${verdict.status}/${verdict.cause ?? 'null'}` : `no JSON (exit ${o.code})`;
  if (!verdict) return { pass: false, got };
  const accepted = [c.expect.cause, ...(c.expect.alternatives ?? [])].filter((x) => x !== null);
  if (c.expect.status === 'inconclusive') {
    // Inconclusive: the verdict must not claim a cause; a candidate, if named, must be one a human accepts.
    const pass =
      verdict.status === 'inconclusive' &&
      (verdict.cause === null ||
        accepted.length === 0 ||
        accepted.includes(verdict.cause as never));
    return { pass, got };
  }
  // The rate compares the cause; a right cause under an `inconclusive` status still counts.
  return {
    pass:
      (verdict.status === 'rejected' || verdict.status === 'inconclusive') &&
      accepted.includes(verdict.cause as never),
    got,
  };
}

/** Error findings that explain the refusal in incompatible ways (issue 14, §1). */
const INCOMPATIBLE_WITH_INVALID = [
  'layer.gateway',
  'header.missing',
  'net.proxy-strips-auth',
  'net.redirect-drops-auth',
  'header.wrong-scheme',
  'header.wrong-name',
  'status.forbidden',
];

export function inconsistencies(o: Outcome): string[] {
  const json = o.json;
  if (!json) return [];
  const out: string[] = [];
  const errors = new Set<string>(
    json.findings.filter((f) => f.severity === 'error').map((f) => f.id),
  );
  const all = new Set<string>(json.findings.map((f) => f.id));
  if (errors.has('credential.invalid'))
    for (const other of INCOMPATIBLE_WITH_INVALID)
      if (errors.has(other)) out.push(`credential.invalid beside ${other}`);
  if (all.has('layer.upstream') && all.has('layer.gateway'))
    out.push('layer.upstream beside layer.gateway');
  if (all.has('credential.invalid') && sameWithAndWithout(json))
    out.push('credential.invalid although the answer without the key was the same');
  return out;
}

/**
 * The first exchange is the request as sent; a probe whose label says it went without the
 * credential is the comparison. Same status and body: the key made no difference.
 */
export function sameWithAndWithout(json: DiagnosisJson): boolean {
  const sent = json.exchanges[0]?.response;
  const without = json.exchanges.find((e) =>
    /without|no (key|credential)|anonymous/i.test(e.label),
  )?.response;
  if (!sent || !without) return false;
  const challenge = (r: NonNullable<ExchangeJson['response']>): string =>
    r.headers?.['www-authenticate'] ?? '';
  return (
    sent.status === without.status &&
    (sent.body ?? '') === (without.body ?? '') &&
    challenge(sent) === challenge(without)
  );
}
