/**
 * Real HTTP layers for end-to-end tests: nginx, squid and tinyproxy started as
 * unprivileged, foreground, loopback-only instances. Each instance lives in a
 * fresh temp dir holding its config, pid file, logs and temp/cache paths, and
 * nothing is written outside it. Only 127.0.0.1 is ever bound or contacted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, readFileSync } from 'node:fs';
import { chmod, chown, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface Layer {
  /** TCP port on 127.0.0.1. */
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Temp dir holding config, pid and logs (removed by stop). */
  dir: string;
  /** Last lines of the layer's logs, for failure messages. */
  logs(): Promise<string>;
  /** Kills the process group and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

export type LayerBinary = 'nginx' | 'squid' | 'tinyproxy';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
/** Debian paths first; PATH (plus the sbin dirs) as a fallback. */
const DEBIAN_PATHS: Record<LayerBinary, string> = {
  nginx: '/usr/sbin/nginx',
  squid: '/usr/sbin/squid',
  tinyproxy: '/usr/bin/tinyproxy',
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of an executable, or undefined when it is not installed. */
export function findBinary(name: string): string | undefined {
  const debian = (DEBIAN_PATHS as Record<string, string | undefined>)[name];
  if (debian !== undefined && isExecutable(debian)) return debian;
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** For `describe.skipIf(!hasBinary('squid'))` on machines without the servers. */
export function hasBinary(name: string): boolean {
  return findBinary(name) !== undefined;
}

function requireBinary(name: LayerBinary): string {
  const path = findBinary(name);
  if (path === undefined) {
    throw new Error(`${name} is not installed (apt-get install nginx-light squid tinyproxy)`);
  }
  return path;
}

/** A port that was free on 127.0.0.1 a moment ago (bind :0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close((err) =>
        err || port === 0 ? reject(err ?? new Error('no port')) : resolve(port),
      );
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    const done = (ok: boolean): void => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function tail(paths: readonly string[], lines = 30): Promise<string> {
  const parts: string[] = [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text.trim() === '') continue;
    parts.push(`--- ${path}\n${text.trimEnd().split('\n').slice(-lines).join('\n')}`);
  }
  return parts.join('\n') || '(no log output)';
}

/** uid/gid of a system account, read from /etc/passwd and /etc/group. */
function systemIds(user: string, group?: string): { uid: number; gid: number } {
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  const entry = passwd.map((l) => l.split(':')).find((f) => f[0] === user);
  if (entry?.[2] === undefined || entry[3] === undefined) {
    throw new Error(`system user ${user} not found`);
  }
  let gid = Number(entry[3]);
  if (group !== undefined) {
    const groups = readFileSync('/etc/group', 'utf8').split('\n');
    const g = groups.map((l) => l.split(':')).find((f) => f[0] === group);
    if (g?.[2] === undefined) throw new Error(`system group ${group} not found`);
    gid = Number(g[2]);
  }
  return { uid: Number(entry[2]), gid };
}

const isRoot = (): boolean => process.getuid?.() === 0;

function assertToken(what: string, value: string, re = /^[A-Za-z0-9._~+/=-]+$/): void {
  if (!re.test(value)) throw new Error(`${what} must match ${re} for config embedding: ${value}`);
}

interface SpawnSpec {
  name: LayerBinary;
  /** Writes the config for this port into dir and returns the argv. */
  configure(dir: string, port: number): Promise<string[]>;
  /** Log files (besides stdout/stderr) to show on failure. */
  logFiles(dir: string): string[];
  /** Account the server drops to when started as root (dir is chowned to it). */
  runAs?: { user: string; group?: string };
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  await waitExit(child, STOP_TIMEOUT_MS);
  while (groupAlive(pid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(pid) || child.exitCode === null) {
    killGroup(pid, 'SIGKILL');
    await waitExit(child, STOP_TIMEOUT_MS);
    for (let i = 0; i < 40 && groupAlive(pid); i++) await sleep(50);
  }
}

async function startOnce(spec: SpawnSpec, port: number): Promise<Layer> {
  const binary = requireBinary(spec.name);
  const dir = await mkdtemp(join(tmpdir(), `why401-${spec.name}-`));
  try {
    if (isRoot() && spec.runAs !== undefined) {
      // The server drops to this account after start-up and still writes logs here.
      const { uid, gid } = systemIds(spec.runAs.user, spec.runAs.group);
      await chown(dir, uid, gid);
    }
    const args = await spec.configure(dir, port);
    const outPath = join(dir, 'stdout.log');
    const out = await open(outPath, 'a');
    let child: ChildProcess;
    try {
      child = spawn(binary, args, {
        cwd: dir,
        detached: true, // own process group: stop() kills workers/helpers too
        stdio: ['ignore', out.fd, out.fd],
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C' },
      });
    } finally {
      await out.close();
    }
    let spawnError: Error | undefined;
    child.once('error', (err) => (spawnError = err));
    const logFiles = [outPath, ...spec.logFiles(dir)];
    let stopped = false;
    const layer: Layer = {
      port,
      url: `http://${HOST}:${port}`,
      dir,
      logs: () => tail(logFiles),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await stopGroup(child);
        await rm(dir, { recursive: true, force: true });
      },
    };

    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (spawnError !== undefined) throw new LayerStartError(spec.name, spawnError.message, layer);
      if (child.exitCode !== null || child.signalCode !== null) {
        const how = child.exitCode ?? child.signalCode;
        throw new LayerStartError(spec.name, `exited early (${how})`, layer);
      }
      if (await canConnect(port)) return layer;
      if (Date.now() > deadline) {
        throw new LayerStartError(
          spec.name,
          `port ${port} not ready in ${READY_TIMEOUT_MS} ms`,
          layer,
        );
      }
      await sleep(50);
    }
  } catch (err) {
    if (err instanceof LayerStartError) {
      const logs = await err.layer.logs();
      await err.layer.stop();
      throw new Error(`${err.message}\n${logs}`, { cause: err });
    }
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

class LayerStartError extends Error {
  constructor(
    name: string,
    message: string,
    readonly layer: Layer,
  ) {
    super(`${name} failed to start: ${message}`);
  }
}

/** Starts a layer on a fresh free port; retries on a new port if the first one was taken. */
async function startLayer(spec: SpawnSpec): Promise<Layer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(spec, await freePort());
    } catch (err) {
      lastError = err;
      if (!/address already in use|EADDRINUSE/i.test(String(err))) throw err;
    }
  }
  throw lastError;
}

// ---------------------------------------------------------------- nginx

function nginxConfig(dir: string, port: number, serverBlock: string): string {
  const user = isRoot() ? 'user nobody nogroup;\n' : '';
  return `${user}worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} info;
events { worker_connections 64; }
http {
  access_log ${join(dir, 'access.log')};
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  server_tokens off;
  server {
    listen ${HOST}:${port};
    server_name localhost;
${serverBlock}
  }
}
`;
}

function nginxSpec(block: (port: number) => string): SpawnSpec {
  return {
    name: 'nginx',
    logFiles: (dir) => [join(dir, 'error.log')],
    configure: async (dir, port) => {
      // Workers run as nobody when we are root; let them reach their temp paths.
      await chmod(dir, 0o755);
      const conf = join(dir, 'nginx.conf');
      await writeFile(conf, nginxConfig(dir, port, block(port)));
      // -e: the start-up error log, before the config is read (else /var/log/nginx).
      return ['-p', dir, '-c', conf, '-e', join(dir, 'error.log'), '-g', 'daemon off;'];
    },
  };
}

export interface NginxGatewayOptions {
  upstreamPort: number;
  /** Header carrying the gateway's own key (default `apikey`, like Kong's key-auth). */
  apiKeyHeader?: string;
  apiKey: string;
}

/**
 * API gateway with its own auth in front of 127.0.0.1:upstreamPort. Without the
 * key header: 401 {"message":"No API key found in request"}; with a wrong key:
 * 401 {"message":"Invalid authentication credentials"}; both `Server: nginx`,
 * `Content-Type: application/json`. Otherwise proxies (headers untouched).
 */
export async function startNginxGateway(opts: NginxGatewayOptions): Promise<Layer> {
  const header = opts.apiKeyHeader ?? 'apikey';
  assertToken('apiKeyHeader', header, /^[A-Za-z0-9-]+$/);
  assertToken('apiKey', opts.apiKey);
  const variable = `$http_${header.toLowerCase().replace(/-/g, '_')}`;
  return startLayer(
    nginxSpec(
      () => `    location / {
      default_type application/json;
      if (${variable} = "") {
        return 401 '{"message":"No API key found in request"}\\n';
      }
      if (${variable} != "${opts.apiKey}") {
        return 401 '{"message":"Invalid authentication credentials"}\\n';
      }
      proxy_pass http://${HOST}:${opts.upstreamPort};
    }`,
    ),
  );
}

/**
 * nginx refusing on its own in front of 127.0.0.1:upstreamPort, a different answer per path:
 * - `/sub/…`: an `auth_request` subrequest to 127.0.0.1:authPort (a 2xx there lets the request
 *   through; its 401 becomes nginx's stock 401 page, with the subrequest's `WWW-Authenticate`);
 * - `/mapped/…`: a `map` on `X-Client-Id` (only `allowedClient` passes); otherwise a bare
 *   `return 401` (nginx's stock page, no challenge);
 * - `/shop/…`: a WAF-like 403 with an HTML block page of its own (no vendor header);
 * - anything else: proxied untouched.
 */
export async function startNginxOwnRefusals(opts: {
  upstreamPort: number;
  authPort: number;
  allowedClient: string;
}): Promise<Layer> {
  assertToken('allowedClient', opts.allowedClient);
  const upstream = `http://${HOST}:${opts.upstreamPort}`;
  const page =
    '<!DOCTYPE html><html><head><title>Request Rejected</title></head><body><h1>Request Rejected</h1><p>The requested URL was rejected. Please consult with your administrator.</p><p>Your support ID is: 4815162342</p></body></html>';
  const spec = nginxSpec(
    () => `    location = /_auth {
      internal;
      proxy_pass http://${HOST}:${opts.authPort};
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
    }
    location /sub/ {
      auth_request /_auth;
      proxy_pass ${upstream}/;
    }
    location /mapped/ {
      if ($why401_client_ok = 0) {
        return 401;
      }
      proxy_pass ${upstream}/;
    }
    location /shop/ {
      default_type text/html;
      return 403 '${page}';
    }
    location / {
      proxy_pass ${upstream};
    }`,
  );
  return startLayer({
    ...spec,
    configure: async (dir, port) => {
      const args = await spec.configure(dir, port);
      const conf = join(dir, 'nginx.conf');
      const text = await readFile(conf, 'utf8');
      await writeFile(
        conf,
        text.replace(
          'http {\n',
          `http {\n  map $http_x_client_id $why401_client_ok { default 0; "${opts.allowedClient}" 1; }\n`,
        ),
      );
      return args;
    },
  });
}

/**
 * nginx with access rules of its own in front of 127.0.0.1:upstreamPort (issue 14):
 * - `/denied/…`: `deny all` (an access rule by address: nginx's stock 403, no challenge);
 * - `/staging/…`: `auth_basic "<realm>"` with one user (`{PLAIN}` password file): a stock 401
 *   with `WWW-Authenticate: Basic realm="<realm>"`;
 * - anything else: proxied untouched.
 */
export async function startNginxAccessRules(opts: {
  upstreamPort: number;
  realm: string;
  user: string;
  pass: string;
}): Promise<Layer> {
  assertToken('realm', opts.realm);
  assertToken('user', opts.user);
  assertToken('pass', opts.pass);
  const upstream = `http://${HOST}:${opts.upstreamPort}`;
  let passwords = '';
  const spec = nginxSpec(
    () => `    location /denied/ {
      deny all;
      proxy_pass ${upstream}/;
    }
    location /staging/ {
      auth_basic "${opts.realm}";
      auth_basic_user_file ${passwords};
      proxy_pass ${upstream}/;
    }
    location / {
      proxy_pass ${upstream};
    }`,
  );
  return startLayer({
    ...spec,
    configure: async (dir, port) => {
      passwords = join(dir, 'htpasswd');
      await writeFile(passwords, `${opts.user}:{PLAIN}${opts.pass}\n`, { mode: 0o644 });
      return spec.configure(dir, port);
    },
  });
}

/**
 * Reverse proxy to 127.0.0.1:upstreamPort that puts its own credential in place of the client's
 * (`proxy_set_header Authorization "Bearer <token>"`): a service key configured on the proxy.
 */
export async function startNginxAuthRewriter(opts: {
  upstreamPort: number;
  token: string;
}): Promise<Layer> {
  assertToken('token', opts.token);
  return startLayer(
    nginxSpec(
      () => `    location / {
      proxy_set_header Authorization "Bearer ${opts.token}";
      proxy_pass http://${HOST}:${opts.upstreamPort};
    }`,
    ),
  );
}

/**
 * Reverse proxy to 127.0.0.1:upstreamPort that blanks Authorization
 * (`proxy_set_header Authorization "";`) and keeps nginx's default of dropping
 * request headers with an underscore in their name. Responses carry `Server: nginx`.
 */
export async function startNginxStripper(opts: { upstreamPort: number }): Promise<Layer> {
  return startLayer(
    nginxSpec(
      () => `    location / {
      proxy_set_header Authorization "";
      proxy_pass http://${HOST}:${opts.upstreamPort};
    }`,
    ),
  );
}

// ---------------------------------------------------------------- squid

/**
 * Forward proxy (clients send absolute-URI requests to it) that removes
 * Authorization (`request_header_access Authorization deny all`) and adds
 * `Via: 1.1 why401-squid (squid/X)`. No disk cache.
 */
export async function startSquidStripper(): Promise<Layer> {
  return startSquid({ strip: true });
}

/**
 * Forward proxy that passes requests on as sent (a corporate proxy that lets the call through):
 * `access.log` (in `dir`) lists each request, a CONNECT as `CONNECT host:port`.
 */
export async function startSquidPlain(): Promise<Layer> {
  return startSquid({ strip: false });
}

async function startSquid(opts: { strip: boolean }): Promise<Layer> {
  return startLayer({
    name: 'squid',
    runAs: { user: 'proxy' },
    logFiles: (dir) => [join(dir, 'cache.log'), join(dir, 'access.log')],
    configure: async (dir, port) => {
      const conf = join(dir, 'squid.conf');
      await writeFile(
        conf,
        `http_port ${HOST}:${port}
visible_hostname why401-squid
${isRoot() ? 'cache_effective_user proxy\n' : ''}pid_filename ${join(dir, 'squid.pid')}
cache_log ${join(dir, 'cache.log')}
access_log stdio:${join(dir, 'access.log')}
cache_store_log none
coredump_dir ${dir}
netdb_filename none
dns_nameservers 127.0.0.1
udp_incoming_address 127.0.0.1
udp_outgoing_address 127.0.0.1
icp_port 0
htcp_port 0
digest_generation off
pinger_enable off
logfile_rotate 0
shutdown_lifetime 0 seconds
cache deny all
cache_mem 8 MB
acl why401_clients src 127.0.0.0/8
http_access allow why401_clients
http_access deny all
${opts.strip ? 'request_header_access Authorization deny all\n' : ''}via on
`,
      );
      // -N: foreground, no kid processes; -d 1: errors to stderr as well.
      return ['-N', '-d', '1', '-f', conf];
    },
  });
}

// ---------------------------------------------------------------- tinyproxy

/**
 * Forward proxy that demands its own Basic credentials (`BasicAuth user pass`):
 * 407 with `Proxy-Authenticate` without a matching Proxy-Authorization.
 */
export async function startTinyproxyAuth(opts: { user: string; pass: string }): Promise<Layer> {
  assertToken('user', opts.user);
  assertToken('pass', opts.pass);
  return startLayer({
    name: 'tinyproxy',
    runAs: { user: 'nobody', group: 'nogroup' },
    logFiles: (dir) => [join(dir, 'tinyproxy.log')],
    configure: async (dir, port) => {
      const conf = join(dir, 'tinyproxy.conf');
      await writeFile(
        conf,
        `${isRoot() ? 'User nobody\nGroup nogroup\n' : ''}Port ${port}
Listen ${HOST}
Timeout 60
MaxClients 32
LogFile "${join(dir, 'tinyproxy.log')}"
LogLevel Info
PidFile "${join(dir, 'tinyproxy.pid')}"
Allow 127.0.0.1
ViaProxyName "why401-tinyproxy"
BasicAuth ${opts.user} ${opts.pass}
`,
      );
      // -d: stay in the foreground.
      return ['-d', '-c', conf];
    },
  });
}

// ---------------------------------------------------------------- upstream

export interface EchoRecord {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * Plain node:http origin on 127.0.0.1 that answers every request with 200 and
 * a JSON echo of what it received ({ method, url, headers }).
 */
export function startEchoServer(): Promise<Layer> {
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body: EchoRecord = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      let stopped = false;
      resolve({
        port,
        url: `http://${HOST}:${port}`,
        dir: '',
        logs: () => Promise.resolve(''),
        stop: () => {
          if (stopped) return Promise.resolve();
          stopped = true;
          server.closeAllConnections();
          return new Promise<void>((r) => server.close(() => r()));
        },
      });
    });
  });
}
