// Benchmark of `why401 capture` (not part of the tests): throughput and added latency against a
// direct connection and against nginx as a reverse proxy, all on 127.0.0.1, one run each.
//
//   npm run build && node scripts/bench-capture.mjs [--seconds 10] [--connections 50]
//
// The origin is nginx answering a fixed 1 KiB JSON body (so the origin is never the bottleneck);
// nginx (/usr/sbin/nginx) proxies to it with an upstream keep-alive pool; capture runs as the
// CLI does (`--json`, its lines sent to /dev/null). Throughput: autocannon, N connections.
// Latency: one keep-alive connection, sequential requests, timed with hrtime (sub-millisecond).
// CPU: user + system time of the proxy process (and nginx's worker) per request, from /proc.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    sequential: { type: 'string', default: '3000' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const SEQUENTIAL = Number(values.sequential);
const NGINX = '/usr/sbin/nginx';
const HOST = '127.0.0.1';
const BODY = JSON.stringify({ ok: true, data: 'x'.repeat(1000) });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(port) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, HOST);
      c.once('connect', () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`nothing listens on ${port}`);
}

function startNginx(dir, name, serverBlock, upstreamBlock = '') {
  const root = join(dir, name);
  const user = process.getuid?.() === 0 ? 'user nobody nogroup;\n' : '';
  const conf = `${user}worker_processes 1;
pid ${root}.pid;
error_log ${root}.error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${root}.body; proxy_temp_path ${root}.proxy;
  fastcgi_temp_path ${root}.fcgi; uwsgi_temp_path ${root}.uwsgi; scgi_temp_path ${root}.scgi;
  ${upstreamBlock}
  server {
${serverBlock}
  }
}
`;
  writeFileSync(`${root}.conf`, conf);
  const child = spawn(
    NGINX,
    ['-p', dir, '-c', `${root}.conf`, '-e', `${root}.error.log`, '-g', 'daemon off;'],
    {
      stdio: 'ignore',
    },
  );
  return child;
}

/** CPU seconds (user + system) a process and its live children (nginx's worker) have used. */
function cpuSeconds(pid) {
  if (pid === undefined) return 0;
  const tick = 100; // USER_HZ on Linux
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
  } catch {
    children = [];
  }
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // after the command name: state is [0], utime [11], stime [12]
  const own = (Number(fields[11]) + Number(fields[12])) / tick;
  return own + children.reduce((sum, c) => sum + cpuSeconds(Number(c)), 0);
}

async function throughput(url, pid) {
  const before = cpuSeconds(pid);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    pipelining: 1,
  });
  const cpu = cpuSeconds(pid) - before;
  return {
    cpuUs: pid === undefined ? undefined : (cpu / result.requests.total) * 1e6,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** Sequential requests on one keep-alive connection: the latency each layer adds. */
async function latency(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const one = () =>
    new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
        })
        .on('error', reject);
    });
  for (let i = 0; i < 2000; i++) await one(); // warm-up (JIT, connection, caches)
  const times = [];
  for (let i = 0; i < SEQUENTIAL; i++) times.push(await one());
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

const dir = mkdtempSync(join(tmpdir(), 'why401-bench-'));
chmodSync(dir, 0o755);
const children = [];
try {
  const [originPort, nginxPort, capturePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  children.push(
    startNginx(
      dir,
      'origin',
      `    listen ${HOST}:${originPort};\n    location / { default_type application/json; return 200 '${BODY}'; }`,
    ),
  );
  children.push(
    startNginx(
      dir,
      'proxy',
      `    listen ${HOST}:${nginxPort};\n    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; }`,
      `upstream origin { server ${HOST}:${originPort}; keepalive 64; }`,
    ),
  );
  children.push(
    spawn(
      process.execPath,
      [
        'dist/cli/why401.cjs',
        'capture',
        '--target',
        `http://${HOST}:${originPort}`,
        '--port',
        String(capturePort),
        '--json',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    ),
  );
  // The floor for any Node.js proxy: node:http in, node:http out, nothing observed.
  const barePort = await freePort();
  const bare = `import http from 'node:http';
const agent = new http.Agent({ keepAlive: true });
http.createServer((req, res) => {
  const up = http.request({ host: '${HOST}', port: ${originPort}, method: req.method, path: req.url, headers: req.headers, agent },
    (r) => { res.writeHead(r.statusCode, r.headers); r.pipe(res); });
  req.pipe(up);
}).listen(${barePort}, '${HOST}');`;
  children.push(
    spawn(process.execPath, ['--input-type=module', '-e', bare], {
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  // The floor for any proxy written in Node.js: bytes piped between sockets, nothing parsed.
  const pipePort = await freePort();
  const pipe = `import net from 'node:net';
net.createServer((c) => { const u = net.connect(${originPort}, '${HOST}'); c.pipe(u).pipe(c);
  c.on('error', () => u.destroy()); u.on('error', () => c.destroy()); }).listen(${pipePort}, '${HOST}');`;
  children.push(
    spawn(process.execPath, ['--input-type=module', '-e', pipe], {
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  await Promise.all([
    waitFor(pipePort),
    waitFor(originPort),
    waitFor(nginxPort),
    waitFor(capturePort),
    waitFor(barePort),
  ]);

  const targets = [
    ['direct', `http://${HOST}:${originPort}/v1/models`, undefined],
    ['nginx proxy', `http://${HOST}:${nginxPort}/v1/models`, children[1].pid],
    ['bare Node.js proxy', `http://${HOST}:${barePort}/v1/models`, children[3].pid],
    ['TCP pipe in Node.js', `http://${HOST}:${pipePort}/v1/models`, children[4].pid],
    ['why401 capture', `http://${HOST}:${capturePort}/v1/models`, children[2].pid],
  ];
  const rows = [];
  for (const [name, url, pid] of targets) {
    await latency(url.replace('/v1/models', '/warm')).catch(() => undefined);
    const t = await throughput(url, pid);
    const l = await latency(url);
    rows.push({ name, ...t, seqP50: l.p50, seqP99: l.p99 });
    console.error(`measured ${name}`);
  }
  const [direct, nginx, bareNode, , capture] = rows;
  const f = (n, d = 2) => n.toFixed(d);
  console.log(
    `\n${SECONDS}s at ${CONNECTIONS} connections (autocannon), then ${SEQUENTIAL} sequential requests on 1 connection; ${BODY.length}-byte answers`,
  );
  console.log(
    `| path | req/s (${CONNECTIONS} conns) | p50 / p99 ms (${CONNECTIONS} conns) | errors | proxy CPU µs/req | p50 / p99 ms (1 conn) | p99 added vs direct (1 conn) |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.rps} | ${r.p50} / ${r.p99} | ${r.errors} | ${r.cpuUs === undefined ? '—' : f(r.cpuUs, 0)} | ${f(r.seqP50, 3)} / ${f(r.seqP99, 3)} | ${r === direct ? '—' : f(r.seqP99 - direct.seqP99, 3)} |`,
    );
  console.log(
    `\nCPU per request: capture ${f(capture.cpuUs, 0)} µs, a bare Node.js proxy ${f(bareNode.cpuUs, 0)} µs, nginx ${f(nginx.cpuUs, 0)} µs`,
  );
  const ratio = capture.rps / nginx.rps;
  const added = capture.seqP99 - direct.seqP99;
  console.log(
    `\ncapture / nginx throughput: ${f(ratio)}× (goal ≥ 0.5×: ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `capture's added p99 latency (1 conn): ${f(added, 3)} ms (goal ≤ 2 ms: ${added <= 2 ? 'met' : 'NOT met'})`,
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  await sleep(200);
  rmSync(dir, { recursive: true, force: true });
}
