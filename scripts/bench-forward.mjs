#!/usr/bin/env node
/**
 * Speed of the intercepting forward proxy (`why401 run -- <not Node>`, `capture --forward`), on
 * the loopback, each side in its own process:
 *   (a) throughput: HTTPS through CONNECT with keep-alive (C connections, each tunnelled once,
 *       then requests one after another on it), against a loopback TLS server;
 *   (b) first-call latency to a new host: CONNECT + the leaf minted for that host + the TLS
 *       handshake + one GET, on a fresh connection; then the same for a host already seen
 *       (leaf cached), and straight to the server (no proxy) for reference.
 *
 *   npm run build && node scripts/bench-forward.mjs [--seconds 5] [--connections 8] [--hosts 10]
 *   node scripts/bench-forward.mjs --proxy http://127.0.0.1:8080 --ca ~/.mitmproxy/mitmproxy-ca-cert.pem \
 *       --proxy-pid PID   measures another proxy (mitmdump --ssl-insecure) with the same client
 *       and server (its CPU per request read from /proc/PID).
 *   --client lean|https, --server lean|https: prepared bytes on raw TLS sockets (the default: the
 *       proxy is what is measured) or node:https (whose own cost per request bounds the result).
 *   --no-direct skips the straight-to-the-server reference; --profile DIR: a CPU profile of ours.
 *   --verify: ours verifies the server's certificate (its CA as the roots) instead of --insecure,
 *       so the first call to a new host waits for the server's handshake before answering the app's.
 *
 * The proxy passes calls on with --insecure (the server's certificate is not the point here):
 * do the same for another proxy (mitmdump --ssl-insecure). Nothing leaves the loopback.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import tls from 'node:tls';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (path) => pathToFileURL(join(ROOT, 'dist', path)).href;

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '8' },
    hosts: { type: 'string', default: '10' },
    proxy: { type: 'string' },
    ca: { type: 'string' },
    profile: { type: 'string' },
    client: { type: 'string', default: 'lean' },
    'proxy-pid': { type: 'string' },
    'no-direct': { type: 'boolean' },
    verify: { type: 'boolean' },
    roots: { type: 'string' },
    server: { type: 'string', default: 'lean' },
  },
});
const HOSTS = Number(values.hosts);
const BODY = JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] });

// ---- the driver ----

function startRole(role, extra = [], nodeFlags = []) {
  const child = spawn(
    process.execPath,
    [...nodeFlags, fileURLToPath(import.meta.url), '--role', role, ...extra],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c) => {
      out += c;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, info: JSON.parse(line) });
    });
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
  });
}

/** A socket to host:port through the proxy (CONNECT), TLS on top trusting `ca`. */
function tunnelTls(proxy, host, port, ca) {
  return new Promise((resolve, reject) => {
    const raw = net.connect(Number(proxy.port), proxy.hostname, () =>
      raw.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`),
    );
    raw.setNoDelay(true);
    let head = '';
    const onData = (chunk) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      raw.off('data', onData);
      if (!/^HTTP\/1\.[01] 200/.test(head)) return reject(new Error(head.split('\r\n')[0]));
      const secure = tls.connect({
        socket: raw,
        host,
        servername: net.isIP(host) ? undefined : host,
        ca,
      });
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    };
    raw.on('data', onData);
    raw.once('error', reject);
  });
}

/** A keep-alive agent whose connections are tunnelled through the proxy (or direct: no proxy). */
class TunnelAgent extends https.Agent {
  constructor(proxy, ca) {
    super({ keepAlive: true, maxSockets: Infinity, ca, rejectUnauthorized: proxy !== undefined });
    this.proxy = proxy;
    this.trust = ca;
  }
  createConnection(options, callback) {
    if (!this.proxy) return super.createConnection(options, callback);
    tunnelTls(this.proxy, options.host, options.port, this.trust).then(
      (socket) => callback(null, socket),
      (e) => callback(e),
    );
    return undefined;
  }
}

function get(agent, host, port) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host, port, path: '/v1/models', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Requests per second: `connections` loops, each waiting for its answer before the next. */
async function throughput(proxy, ca, target, seconds, connections) {
  const agent = new TunnelAgent(proxy, ca);
  const loop = async (until, count) => {
    while (performance.now() < until) {
      const status = await get(agent, target.host, target.port);
      if (status !== 200) throw new Error(`status ${status}`);
      count.n++;
    }
  };
  const warm = { n: 0 };
  await Promise.all(
    Array.from({ length: connections }, () => loop(performance.now() + 1000, warm)),
  );
  const count = { n: 0 };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, () => loop(t0 + seconds * 1000, count)));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return count.n / elapsed;
}

/** The next answer's end in `buf` (head, then Content-Length bytes), or -1 while incomplete. */
function answerEnd(buf) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return -1;
  const m = /\r\ncontent-length:[ \t]*(\d+)/i.exec(buf.toString('latin1', 0, end));
  const total = end + 4 + Number(m?.[1] ?? 0);
  return buf.length >= total ? total : -1;
}

/**
 * The lean client: TLS sockets tunnelled once (CONNECT through the proxy, or straight), one
 * request written as prepared bytes, the next written when the answer's last byte came: almost
 * no cost per request on the client's side, so the proxy between is what is measured.
 */
async function throughputLean(proxy, ca, target, seconds, connections) {
  const request = Buffer.from(
    `GET /v1/models HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\nAuthorization: Bearer sk-bench-0123456789abcdefghijklmnop\r\nAccept: application/json\r\n\r\n`,
  );
  const open = () =>
    proxy
      ? tunnelTls(proxy, target.host, target.port, ca)
      : new Promise((resolve, reject) => {
          const s = tls.connect({
            host: target.host,
            port: target.port,
            rejectUnauthorized: false,
          });
          s.once('secureConnect', () => resolve(s));
          s.once('error', reject);
        });
  const sockets = await Promise.all(Array.from({ length: connections }, open));
  const warmUntil = performance.now() + 1000;
  const until = warmUntil + seconds * 1000;
  let n = 0;
  let all = 0;
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise((resolve, reject) => {
          socket.setNoDelay(true);
          let pending;
          socket.on('error', reject);
          socket.on('data', (chunk) => {
            let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
            for (let end = answerEnd(buf); end > 0; end = answerEnd(buf)) {
              buf = buf.subarray(end);
              const now = performance.now();
              all++;
              if (now > warmUntil) n++;
              if (now >= until) return resolve();
              socket.write(request);
            }
            pending = buf.length > 0 ? buf : undefined;
          });
          socket.write(request);
        }),
    ),
  );
  for (const socket of sockets) socket.destroy();
  return Object.assign(n / seconds, { all });
}

/** One call on a fresh connection: CONNECT (if a proxy), TLS, GET, the whole answer. */
async function oneCall(proxy, ca, target) {
  const t0 = performance.now();
  const socket = proxy
    ? await tunnelTls(proxy, target.host, target.port, ca)
    : await new Promise((resolve, reject) => {
        const s = tls.connect({ host: target.host, port: target.port, rejectUnauthorized: false });
        s.once('secureConnect', () => resolve(s));
        s.once('error', reject);
      });
  await new Promise((resolve, reject) => {
    let got = '';
    socket.setEncoding('latin1');
    socket.on('data', (c) => {
      got += c;
      if (got.includes(BODY)) resolve();
    });
    socket.once('error', reject);
    socket.write(`GET /v1/models HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`);
  });
  const ms = performance.now() - t0;
  socket.destroy();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux), or undefined. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks
  } catch {
    return undefined;
  }
}

async function drive() {
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const upstream = await startRole('upstream', ['--hosts', String(HOSTS)]);
  const [first, ...fresh] = upstream.info.addresses;
  let proxyRole;
  let proxy;
  let ca;
  let name;
  if (values.proxy) {
    proxy = new URL(values.proxy);
    ca = values.ca ? readFileSync(values.ca.replace(/^~/, process.env.HOME ?? '~')) : undefined;
    name = `proxy at ${values.proxy}`;
  } else {
    // --profile DIR: a V8 CPU profile of the proxy process (node --cpu-prof), written at its exit.
    const flags = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [];
    const roots = values.verify ? ['--roots', upstream.info.caFile] : [];
    proxyRole = await startRole('proxy', roots, flags);
    proxy = new URL(proxyRole.info.origin);
    ca = readFileSync(proxyRole.info.caFile);
    name = 'why401 forward proxy';
  }
  try {
    const measure = values.client === 'https' ? throughput : throughputLean;
    const direct = values['no-direct']
      ? NaN
      : await measure(undefined, undefined, first, seconds, connections);
    // The proxy's CPU per request (a loaded machine changes req/s much more than this).
    const pid = proxyRole?.child.pid ?? Number(values['proxy-pid'] ?? NaN);
    const cpu0 = cpuMs(pid);
    const through = await measure(proxy, ca, first, seconds, connections);
    const cpu1 = cpuMs(pid);
    const cpuPerCall =
      cpu0 === undefined || cpu1 === undefined
        ? undefined
        : (cpu1 - cpu0) / (through * (seconds + 1));
    // (b) first call to each new host (a leaf to mint), then again to the same hosts (cached).
    const newHost = [];
    for (const target of fresh) newHost.push(await oneCall(proxy, ca, target));
    const seenHost = [];
    for (const target of fresh) seenHost.push(await oneCall(proxy, ca, target));
    const straight = [];
    for (const target of fresh) straight.push(await oneCall(undefined, undefined, target));

    const fmt = (n, unit) => `${n.toFixed(unit === 'req/s' ? 0 : 1)} ${unit}`;
    console.log(
      `why401 forward-proxy benchmark: ${name}, node ${process.version}, ${new Date().toISOString()}`,
    );
    console.log(
      `(a) HTTPS through CONNECT, keep-alive, ${connections} connections, ${seconds} s, ${values.client} client, ${values.server} server`,
    );
    console.log(
      `    through the proxy        ${fmt(through, 'req/s')}` +
        (cpuPerCall === undefined
          ? ''
          : `   (the proxy's CPU: ${(cpuPerCall * 1000).toFixed(0)} µs per request)`),
    );
    console.log(`    straight to the server   ${fmt(direct, 'req/s')}   (no proxy, reference)`);
    console.log(
      `(b) one call on a new connection (CONNECT + TLS + GET), median of ${fresh.length}`,
    );
    console.log(`    new host (leaf minted)   ${fmt(median(newHost), 'ms')}`);
    console.log(`    host seen (leaf cached)  ${fmt(median(seenHost), 'ms')}`);
    console.log(
      `    straight to the server   ${fmt(median(straight), 'ms')}   (no proxy, TLS + GET)`,
    );
  } finally {
    upstream.child.kill('SIGTERM');
    proxyRole?.child.kill('SIGTERM');
  }
}

// ---- roles run in child processes ----

async function main() {
  if (values.role === 'upstream') {
    // The same TLS server on 127.0.0.1 … 127.0.0.(HOSTS+1): each address is a new host to the proxy.
    const { CertificateAuthority } = await import(dist('capture/forward/certs.js'));
    const ca = new CertificateAuthority();
    const addresses = [];
    const dir = mkdtempSync(join(tmpdir(), 'why401-bench-upstream-'));
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, ca.certPem);
    process.on('SIGTERM', () => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
    const answer = Buffer.from(
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`,
    );
    for (let i = 1; i <= HOSTS + 1; i++) {
      const leaf = ca.leafFor(`127.0.0.${i}`); // each address its own name (for --verify)
      if (values.server === 'lean') {
        // The lean server: each request head (GET, no body) answered with prepared bytes.
        const server = tls.createServer({ key: leaf.key, cert: leaf.cert }, (socket) => {
          let pending = '';
          socket.setNoDelay(true);
          socket.on('error', () => socket.destroy());
          socket.on('data', (chunk) => {
            pending += chunk.toString('latin1');
            for (
              let end = pending.indexOf('\r\n\r\n');
              end >= 0;
              end = pending.indexOf('\r\n\r\n')
            ) {
              pending = pending.slice(end + 4);
              socket.write(answer);
            }
          });
        });
        await new Promise((resolve) => server.listen(0, `127.0.0.${i}`, resolve));
        addresses.push({ host: `127.0.0.${i}`, port: server.address().port });
        continue;
      }
      const server = https.createServer({ key: leaf.key, cert: leaf.cert }, (req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
          res.end(BODY);
        });
      });
      server.keepAliveTimeout = 60_000;
      await new Promise((resolve) => server.listen(0, `127.0.0.${i}`, resolve));
      addresses.push({ host: `127.0.0.${i}`, port: server.address().port });
    }
    process.stdout.write(`${JSON.stringify({ addresses, caFile })}\n`);
  } else if (values.role === 'proxy') {
    const { CertificateAuthority } = await import(dist('capture/forward/certs.js'));
    const { startForwardProxy } = await import(dist('capture/forward/forward-proxy.js'));
    const ca = new CertificateAuthority();
    const { judgeCall, plainlyAccepted, quickReport } = await import(
      dist('capture/call/judge-call.js')
    );
    let calls = 0;
    let refused = 0;
    const proxy = await startForwardProxy({
      port: 0,
      ca,
      maps: [],
      insecure: values.roots === undefined,
      upstreamRoots: values.roots === undefined ? undefined : [readFileSync(values.roots, 'utf8')],
      // As `run` does with each call: an accepted one has a quick report, the rest are judged.
      onCall: (call) => {
        calls++;
        if (plainlyAccepted?.(call)) return; // (absent before it was added: older builds)
        if (!quickReport(call)) void judgeCall(call).then((r) => (refused += r.refused ? 1 : 0));
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'why401-bench-ca-'));
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, ca.certPem);
    process.on('SIGTERM', () => {
      rmSync(dir, { recursive: true, force: true });
      process.stderr.write(`proxy: ${calls} calls seen, ${refused} refused\n`);
      process.exit(0);
    });
    process.stdout.write(`${JSON.stringify({ origin: proxy.origin, caFile })}\n`);
  } else {
    await drive();
  }
}

await main();
