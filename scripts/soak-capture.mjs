// Soak test of `why401 capture` (issue 5, reliability; not part of `npm test`):
//
//   npm run soak                                   100,000 requests, 100 connections
//   npm run soak -- --requests 20000 --connections 50
//   SOAK_REQUESTS=20000 npm run soak               (the same, from the environment)
//
// The built CLI runs `capture --json` in front of an origin on 127.0.0.1 (in this process) whose
// answers vary: small JSON, small JSON POSTs (the upload is checked too), 64 KiB with a length,
// 1 MiB chunked, and SSE-like streams of small events with pauses between them. Every answer's
// sha256 is compared with the sha256 of what the origin wrote for that request, and every call
// must be reported by capture as one JSON line (status 200, not cut short) without any run of 9
// characters of the credential sent. capture's RSS (process and children, /proc) is sampled every
// second: start, after warm-up (the first 10% of requests), peak, end, and after 2 s idle. It
// passes with 0 errors, 0 mismatches, every line right, and an end RSS within the margin of the
// after-warm-up figure (--rss-margin-mb, default 32, or 25% of it if that is more). Linux only
// for the RSS figures. Exit code 0 when it passes, 1 otherwise.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { setImmediate } from 'node:timers';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: process.env.SOAK_REQUESTS ?? '100000' },
    connections: { type: 'string', default: process.env.SOAK_CONNECTIONS ?? '100' },
    'rss-margin-mb': { type: 'string', default: process.env.SOAK_RSS_MARGIN_MB ?? '32' },
  },
});
const N = Number(values.requests);
const CONNECTIONS = Number(values.connections);
const MARGIN_MB = Number(values['rss-margin-mb']);
if (!(N > 0 && CONNECTIONS > 0 && MARGIN_MB >= 0)) {
  console.error('usage: soak-capture.mjs [--requests N] [--connections C] [--rss-margin-mb MB]');
  process.exit(2);
}
const CLI = new URL('../dist/cli/why401.cjs', import.meta.url).pathname;
const HOST = '127.0.0.1';
const MiB = 1024 * 1024;
const KEY = `t0k-${randomBytes(30).toString('base64url')}`;
const sha = (b) => createHash('sha256').update(b).digest('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ the origin

/** Out of every 20 requests: 11 small GETs, 3 small POSTs, 3 × 64 KiB, 2 SSE, 1 × 1 MiB. */
const KINDS = [
  ...Array(11).fill('small'),
  ...Array(3).fill('post'),
  ...Array(3).fill('blob64k'),
  ...Array(2).fill('sse'),
  'chunked1m',
];
const POOL = randomBytes(4 * MiB);
const poolHashes = new Map();
function poolSlice(offset, length) {
  const key = `${offset}:${length}`;
  const slice = POOL.subarray(offset, offset + length);
  if (!poolHashes.has(key)) poolHashes.set(key, sha(slice));
  return { slice, hash: poolHashes.get(key) };
}
/** What the origin wrote for each request id: the sha256 its answer must arrive with. */
const written = new Map();
const uploadOf = (i) =>
  Buffer.from(JSON.stringify({ id: i, input: POOL.toString('hex', i % 4096, (i % 4096) + 400) }));

function origin(req, res) {
  const m = /^\/v1\/(\w+)\/(\d+)$/.exec(req.url ?? '');
  if (!m) {
    req.resume();
    res.writeHead(404).end();
    return;
  }
  const [, kind, idText] = m;
  const id = Number(idText);
  if (kind === 'small') {
    req.resume();
    const body = JSON.stringify({ object: 'list', id, data: [{ id: `model-${id % 97}` }] });
    written.set(id, sha(body));
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } else if (kind === 'post') {
    const h = createHash('sha256');
    req.on('data', (c) => h.update(c));
    req.on('end', () => {
      const body = JSON.stringify({ id, received: h.digest('hex') });
      written.set(id, sha(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  } else if (kind === 'blob64k') {
    req.resume();
    const { slice, hash } = poolSlice((id % 256) * 4096, 64 * 1024);
    written.set(id, hash);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': slice.length,
    });
    res.end(slice);
  } else if (kind === 'chunked1m') {
    req.resume();
    const { slice, hash } = poolSlice((id % 32) * 65536, MiB);
    written.set(id, hash);
    res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked
    let at = 0;
    const pump = () => {
      while (at < slice.length) {
        const piece = slice.subarray(at, (at += 64 * 1024));
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  } else if (kind === 'sse') {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const h = createHash('sha256');
    let n = 0;
    const next = () => {
      if (res.destroyed) return;
      const event =
        n < 16
          ? `data: ${JSON.stringify({ id, n, token: POOL.toString('base64', n * 97, n * 97 + 3 + ((id + n) % 40)) })}\n\n`
          : 'data: [DONE]\n\n';
      h.update(event);
      if (n++ < 16) {
        res.write(event);
        if (n % 4 === 0) setTimeout(next, 1);
        else setImmediate(next);
      } else {
        written.set(id, h.digest('hex'));
        res.end(event);
      }
    };
    next();
  } else {
    req.resume();
    res.writeHead(404).end();
  }
}

// ------------------------------------------------------------------ capture's process

function procStats(pid) {
  let rssKb = 0;
  let sockets = 0;
  const todo = [pid];
  for (let p = todo.pop(); p !== undefined; p = todo.pop()) {
    try {
      rssKb += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const fd of readdirSync(`/proc/${p}/fd`)) {
        try {
          if (readlinkSync(`/proc/${p}/fd/${fd}`).startsWith('socket:')) sockets++;
        } catch {
          // closed meanwhile
        }
      }
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (kids) todo.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // not Linux, or the process ended
    }
  }
  return { rssKb, sockets };
}

function startCapture(target) {
  const child = spawn(
    process.execPath,
    [CLI, 'capture', '--target', target, '--port', '0', '--json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        NO_COLOR: '1',
      },
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
  const listening = new Promise((resolve, reject) => {
    child.stderr.on('data', () => {
      const m = /listening on (http:\/\/[\d.:]+)/.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`capture ended (${code}): ${stderr.slice(0, 500)}`)),
    );
  });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, listening, exited, stderr: () => stderr };
}

/** Every JSON line capture prints, checked as it comes: one per call, right, key-free. */
function watchLines(stdout) {
  const windows = [];
  for (let i = 0; i + 9 <= KEY.length; i++) windows.push(KEY.slice(i, i + 9));
  const tally = { lines: 0, ok: 0, wrong: [], leaks: 0 };
  createInterface({ input: stdout }).on('line', (line) => {
    if (line.trim() === '') return;
    tally.lines++;
    if (windows.some((w) => line.includes(w))) tally.leaks++;
    try {
      const r = JSON.parse(line);
      if (r.status === 200 && r.interrupted === null && r.refused === false) tally.ok++;
      else if (tally.wrong.length < 5) tally.wrong.push(line.slice(0, 300));
    } catch {
      if (tally.wrong.length < 5) tally.wrong.push(line.slice(0, 300));
    }
  });
  return tally;
}

// ------------------------------------------------------------------ the load

const result = { done: 0, errors: 0, mismatches: 0, firstProblems: [], byKind: {}, msByKind: {} };
function problem(kind, text) {
  if (kind === 'error') result.errors++;
  else result.mismatches++;
  if (result.firstProblems.length < 10) result.firstProblems.push(`${kind}: ${text}`);
}

function one(agent, port, i) {
  const kind = KINDS[i % KINDS.length];
  const upload = kind === 'post' ? uploadOf(i) : undefined;
  const t0 = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      written.delete(i);
      result.done++;
      result.byKind[kind] = (result.byKind[kind] ?? 0) + 1;
      result.msByKind[kind] = (result.msByKind[kind] ?? 0) + (performance.now() - t0);
      resolve();
    };
    const req = http.request(
      {
        host: HOST,
        port,
        path: `/v1/${kind}/${i}`,
        method: upload ? 'POST' : 'GET',
        agent,
        timeout: 60_000,
        headers: {
          authorization: `Bearer ${KEY}`,
          ...(upload
            ? { 'content-type': 'application/json', 'content-length': upload.length }
            : {}),
        },
      },
      (res) => {
        const h = createHash('sha256');
        const chunks = upload ? [] : undefined;
        res.on('data', (c) => {
          h.update(c);
          chunks?.push(c);
        });
        res.on('error', (e) => {
          problem('error', `#${i} ${kind}: answer cut (${e.message})`);
          settle();
        });
        res.on('end', () => {
          if (settled) return;
          if (res.statusCode !== 200) problem('error', `#${i} ${kind}: status ${res.statusCode}`);
          else if (!res.complete) problem('error', `#${i} ${kind}: incomplete answer`);
          else if (h.digest('hex') !== written.get(i))
            problem('mismatch', `#${i} ${kind}: body sha256 differs from the origin's`);
          else if (upload && JSON.parse(Buffer.concat(chunks).toString()).received !== sha(upload))
            problem('mismatch', `#${i} ${kind}: the origin got a different upload`);
          settle();
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', (e) => {
      if (!settled) problem('error', `#${i} ${kind}: ${e.message}`);
      settle();
    });
    req.end(upload);
  });
}

// ------------------------------------------------------------------ the run

const server = http.createServer({ keepAliveTimeout: 30_000 }, origin);
await new Promise((r) => server.listen(0, HOST, r));
const target = `http://${HOST}:${server.address().port}`;
const cap = startCapture(target);
const proxy = await cap.listening;
const pid = cap.child.pid;
const tally = watchLines(cap.child.stdout);
const port = Number(new URL(proxy).port);
const agent = new http.Agent({
  keepAlive: true,
  maxSockets: CONNECTIONS,
  maxFreeSockets: CONNECTIONS,
});

await sleep(500);
const start = { ...procStats(pid), done: 0 };
const samples = [];
let warm;
const sampler = setInterval(() => {
  const s = { ...procStats(pid), done: result.done, at: performance.now() };
  samples.push(s);
  if (warm === undefined && result.done >= N / 10) warm = s;
  if (samples.length % 10 === 0)
    console.error(
      `${s.done}/${N} requests, capture RSS ${(s.rssKb / 1024).toFixed(1)} MB, ${s.sockets} sockets`,
    );
}, 1000);

const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONNECTIONS }, async () => {
    for (let i = next++; i < N; i = next++) await one(agent, port, i);
  }),
);
const seconds = (performance.now() - t0) / 1000;
const end = { ...procStats(pid), done: result.done };
clearInterval(sampler);
warm ??= end;
agent.destroy();
await sleep(2000);
const idle = { ...procStats(pid), done: result.done };
cap.child.kill('SIGTERM');
const exit = await cap.exited;
await new Promise((r) => server.close(r));
server.closeAllConnections();

const all = [start, ...samples, end, idle];
const peak = all.reduce((a, b) => (b.rssKb > a.rssKb ? b : a));
const peakSockets = Math.max(...all.map((s) => s.sockets));
const mb = (kb) => (kb / 1024).toFixed(1);
const allowedKb = Math.max(MARGIN_MB * 1024, warm.rssKb * 0.25);
const flat = end.rssKb - warm.rssKb <= allowedKb;
const summary = /(\d+) calls?, (\d+) refused/.exec(cap.stderr());
const linesRight = tally.lines === N && tally.ok === N && tally.leaks === 0;
const crashed = exit !== 0 || /\n\s+at .+:\d+:\d+\)?$/m.test(cap.stderr());
const pass =
  result.errors === 0 &&
  result.mismatches === 0 &&
  linesRight &&
  flat &&
  !crashed &&
  summary?.[1] === String(N);

const rows = [
  [
    'requests',
    `${N} (${Object.entries(result.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')})`,
  ],
  ['connections', String(CONNECTIONS)],
  [
    'mean ms per request',
    Object.entries(result.msByKind)
      .map(([k, ms]) => `${k} ${(ms / result.byKind[k]).toFixed(1)}`)
      .join(', '),
  ],
  ['duration', `${seconds.toFixed(1)} s (${Math.round(N / seconds)} req/s)`],
  ['errors', String(result.errors)],
  ['body sha256 mismatches', String(result.mismatches)],
  ['capture lines (200, not cut)', `${tally.lines} (${tally.ok})`],
  ['credential runs in lines', String(tally.leaks)],
  ['capture RSS start', `${mb(start.rssKb)} MB`],
  [`RSS after warm-up (${warm.done} req)`, `${mb(warm.rssKb)} MB`],
  [`RSS peak (at ${peak.done} req)`, `${mb(peak.rssKb)} MB`],
  [
    'RSS end',
    `${mb(end.rssKb)} MB (${end.rssKb >= warm.rssKb ? '+' : ''}${mb(end.rssKb - warm.rssKb)} MB vs warm-up, allowed +${mb(allowedKb)})`,
  ],
  ['RSS after 2 s idle', `${mb(idle.rssKb)} MB`],
  ['capture sockets start / peak / idle', `${start.sockets} / ${peakSockets} / ${idle.sockets}`],
  ['capture exit', `${exit}${summary ? ` (${summary[0]})` : ''}`],
  ['result', pass ? 'PASS' : 'FAIL'],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(
  `\ncapture soak: ${N} requests at ${CONNECTIONS} connections through ${proxy} to ${target}`,
);
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
if (result.firstProblems.length)
  console.log(`\nfirst problems:\n  ${result.firstProblems.join('\n  ')}`);
if (tally.wrong.length) console.log(`\nlines not as expected:\n  ${tally.wrong.join('\n  ')}`);
if (crashed) console.log(`\ncapture's stderr:\n${cap.stderr().slice(-2000)}`);
process.exitCode = pass ? 0 : 1;
