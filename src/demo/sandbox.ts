/**
 * The sandbox of `why401 demo`: small HTTP servers on 127.0.0.1 (port 0, never another address)
 * that refuse requests the way real APIs and the layers in front of them do. Error shapes follow
 * the real ones (field names, status, headers); the wording is ours. Every key is made at start-up.
 */
import {
  createHash,
  createHmac,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const HOST = '127.0.0.1';
const CLOCK_BEHIND_MS = 90_000;
const MAX_BODY = 64 * 1024;

/** The credentials the sandbox issues (never printed: the scenarios hand them to the engine). */
export interface DemoKeys {
  /** OpenAI-like: a working key, and one whose account has no credit left. */
  readonly openai: string;
  readonly openaiNoCredit: string;
  /** The gateway's own virtual key (it calls the OpenAI-like API with `openai`). */
  readonly gateway: string;
  readonly anthropic: string;
  /** GitHub-like tokens: one with only `read:org`, one with `repo`. */
  readonly githubReadOrg: string;
  readonly githubRepo: string;
  readonly slack: string;
  /** A Slack token that was revoked. */
  readonly slackRevoked: string;
  /** The API behind the cross-origin redirect. */
  readonly redirectApi: string;
  /** A JWT issued now (by a correct clock), for the server whose clock is behind. */
  readonly jwt: string;
  /** The API behind the WAF. */
  readonly wafApi: string;
  readonly healthy: string;
}

export type SandboxUrl =
  | 'openai'
  | 'anthropic'
  | 'github'
  | 'slack'
  | 'gateway'
  | 'proxy'
  | 'redirect'
  | 'redirectTarget'
  | 'clock'
  | 'waf'
  | 'healthy'
  | 'oauth';

export interface Sandbox {
  /** Origins (`http://127.0.0.1:PORT`) by name. */
  readonly urls: Readonly<Record<SandboxUrl, string>>;
  readonly keys: DemoKeys;
  /** OAuth access tokens of the sandbox's issuer (their `iss` is its origin: made at start). */
  readonly tokens: {
    /** Signed with the key rotated away since. */
    readonly rotated: string;
    /** An OpenID ID token (aud: the client, a nonce), signed with the current key. */
    readonly idToken: string;
    /** An access token for another API (another aud), signed with the current key. */
    readonly otherApi: string;
  };
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Derive the keys from this seed instead of random bytes (tests: to look for leaks). */
  readonly seed?: string | undefined;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` alphanumerics from random bytes (or from a seed, deterministically). */
function token(length: number, seed: string | undefined, name: string): string {
  const bytes = seed
    ? createHash('sha512').update(`${seed}\0${name}`).digest()
    : randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[(bytes[i % bytes.length] ?? 0) % ALNUM.length];
  return out;
}

/** A token's characters as digits (Slack's team and bot ids). */
const digits = (text: string): string =>
  [...text].map((c) => String(c.charCodeAt(0) % 10)).join('');

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function signJwt(claims: Record<string, unknown>, secret: Buffer): string {
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

function verifyJwt(jwt: string, secret: Buffer): Record<string, unknown> | undefined {
  const [h, p, s] = jwt.split('.');
  if (!h || !p || s === undefined) return undefined;
  if (createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url') !== s) return undefined;
  try {
    return JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function makeKeys(seed?: string): { keys: DemoKeys; jwtSecret: Buffer } {
  const t = (n: number, name: string) => token(n, seed, name);
  const jwtSecret = seed ? createHash('sha256').update(`${seed}\0jwt`).digest() : randomBytes(32);
  const now = Math.floor(Date.now() / 1000);
  return {
    jwtSecret,
    keys: {
      openai: `sk-demo-${t(40, 'openai')}`,
      openaiNoCredit: `sk-demo-${t(40, 'openai-no-credit')}`,
      gateway: `sk-gw-${t(32, 'gateway')}`,
      // keys with a provider's prefix have that provider's real shape (else key.malformed)
      anthropic: `sk-ant-api03-${t(93, 'anthropic')}AA`,
      githubReadOrg: `ghp_${t(36, 'github-read-org')}`,
      githubRepo: `ghp_${t(36, 'github-repo')}`,
      slack: `xoxb-${digits(t(11, 'slack-team'))}-${digits(t(12, 'slack-bot'))}-${t(24, 'slack')}`,
      slackRevoked: `xoxb-${digits(t(11, 'slack-team'))}-${digits(t(12, 'slack-bot-revoked'))}-${t(24, 'slack-revoked')}`,
      redirectApi: `tok_demo_${t(32, 'redirect')}`,
      jwt: signJwt({ sub: 'demo-user', iat: now, exp: now + 3600 }, jwtSecret),
      wafApi: `api_demo_${t(32, 'waf')}`,
      healthy: `hk_demo_${t(32, 'healthy')}`,
    },
  };
}

type Req = http.IncomingMessage & { body: string };
type Handler = (req: Req, res: http.ServerResponse) => void | Promise<void>;

function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function bearer(req: http.IncomingMessage): string | undefined {
  const m = /^Bearer (.*)$/is.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** How APIs echo a key they refuse: first 3 characters, asterisks, last 4. */
export function maskKey(key: string): string {
  return key.length <= 8 ? '***' : `${key.slice(0, 3)}***${key.slice(-4)}`;
}

function pathOf(req: http.IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** OpenAI-like: Bearer keys, an error object with a masked echo, a 429 when credit runs out. */
function openaiLike(keys: DemoKeys): Handler {
  return (req, res) => {
    const key = bearer(req);
    const path = pathOf(req);
    if (key === undefined || key === '')
      return json(res, 401, {
        error: {
          message: 'No API key was provided. Send it as Authorization: Bearer <key>.',
          type: 'invalid_request_error',
          code: null,
        },
      });
    if (key !== keys.openai && key !== keys.openaiNoCredit)
      return json(res, 401, {
        error: {
          message: `Incorrect API key provided: ${maskKey(key)}. Check the key in your dashboard.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
    if (path === '/v1/models')
      return json(res, 200, { object: 'list', data: [{ id: 'demo-mini', object: 'model' }] });
    if (path === '/v1/chat/completions' && req.method === 'POST') {
      if (key === keys.openaiNoCredit)
        return json(res, 429, {
          error: {
            message: 'This account has run out of credit: check its plan and billing details.',
            type: 'insufficient_quota',
            code: 'insufficient_quota',
          },
        });
      return json(res, 200, {
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the sandbox.' } }],
      });
    }
    return json(res, 404, {
      error: { message: `Unknown path ${path}`, type: 'invalid_request_error', code: null },
    });
  };
}

/** Anthropic-like: x-api-key, a required anthropic-version, `{type:'error', error:{…}}`. */
function anthropicLike(keys: DemoKeys): Handler {
  const error = (res: http.ServerResponse, status: number, type: string, message: string) =>
    json(res, status, { type: 'error', error: { type, message } });
  return (req, res) => {
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || key === '')
      return error(res, 401, 'authentication_error', 'an x-api-key header is required');
    if (key !== keys.anthropic)
      return error(res, 401, 'authentication_error', 'the x-api-key given is not valid');
    if (!req.headers['anthropic-version'])
      return error(res, 400, 'invalid_request_error', 'the anthropic-version header is required');
    if (pathOf(req) === '/v1/models')
      return json(res, 200, { data: [{ type: 'model', id: 'demo-haiku' }], has_more: false });
    return error(res, 404, 'not_found_error', 'no such endpoint');
  };
}

/** GitHub-like: scopes in headers, and a 404 (not a 403) for a private repo the token may not see. */
function githubLike(keys: DemoKeys): Handler {
  const scopes = new Map([
    [keys.githubReadOrg, 'read:org'],
    [keys.githubRepo, 'repo, read:org'],
  ]);
  const docs = { documentation_url: 'https://docs.github.example/rest' };
  return (req, res) => {
    const raw = /^(?:Bearer|token) (.*)$/is.exec(req.headers.authorization ?? '')?.[1];
    const held = raw === undefined ? undefined : scopes.get(raw);
    if (raw !== undefined && held === undefined)
      return json(res, 401, { message: 'Bad credentials', ...docs });
    const scopeHeaders: Record<string, string> =
      held === undefined ? {} : { 'X-OAuth-Scopes': held };
    const path = pathOf(req);
    if (path === '/user') {
      if (held === undefined)
        return json(res, 401, { message: 'Requires authentication', ...docs });
      return json(res, 200, { login: 'demo-user', id: 1 }, scopeHeaders);
    }
    if (path === '/repos/acme/private') {
      if (held?.split(/,\s*/).includes('repo'))
        return json(res, 200, { full_name: 'acme/private', private: true }, scopeHeaders);
      return json(
        res,
        404,
        { message: 'Not Found', ...docs },
        {
          ...scopeHeaders,
          'X-Accepted-OAuth-Scopes': 'repo',
        },
      );
    }
    return json(res, 404, { message: 'Not Found', ...docs }, scopeHeaders);
  };
}

/** Slack-like: every answer is HTTP 200; the verdict is in `ok` and `error`. */
function slackLike(keys: DemoKeys): Handler {
  return (req, res) => {
    const key = bearer(req);
    if (!key) return json(res, 200, { ok: false, error: 'not_authed' });
    if (key !== keys.slack) return json(res, 200, { ok: false, error: 'invalid_auth' });
    return json(res, 200, { ok: true, team: 'Demo', user: 'demo-bot' });
  };
}

/** Forwards a request to `target`, with headers changed by `edit`, and copies the answer back. */
function forward(
  agent: http.Agent,
  target: string,
  edit: (headers: http.OutgoingHttpHeaders) => void,
  extra: Record<string, string>,
): Handler {
  return (req, res) =>
    new Promise<void>((resolve) => {
      const headers: http.OutgoingHttpHeaders = { ...req.headers };
      delete headers.host;
      delete headers.connection;
      edit(headers);
      const url = new URL(req.url ?? '/', target);
      const out = http.request(url, { method: req.method, headers, agent }, (up) => {
        const copied: http.OutgoingHttpHeaders = { ...up.headers, ...extra };
        delete copied.connection;
        delete copied['keep-alive'];
        delete copied['transfer-encoding'];
        res.writeHead(up.statusCode ?? 502, copied);
        up.pipe(res);
        up.on('end', resolve);
      });
      out.on('error', () => {
        json(res, 502, { error: 'bad gateway' }, extra);
        resolve();
      });
      out.end(req.body);
    });
}

/** A gateway with its own virtual keys, in front of the OpenAI-like API. */
function gateway(keys: DemoKeys, agent: http.Agent, upstream: string): Handler {
  const own = { 'x-gateway-version': '2.3.1-demo' };
  const pass = forward(agent, upstream, (h) => (h.authorization = `Bearer ${keys.openai}`), own);
  return (req, res) => {
    const key = bearer(req);
    if (key === keys.gateway) return pass(req, res);
    return json(
      res,
      401,
      {
        error: {
          message: `Authentication error: this gateway only takes the virtual keys it issued (prefix sk-gw-); received ${key ? maskKey(key) : 'nothing'}.`,
          type: 'auth_error',
          code: '401',
        },
      },
      own,
    );
  };
}

/** The WAF in front of a small API: library User-Agents are blocked before any auth. */
const LIBRARY_UA =
  /^(node|undici|node-fetch|axios|got|python-requests|python-urllib|python-httpx|go-http-client|curl|wget|okhttp|java)\b/i;

function waf(keys: DemoKeys): Handler {
  return (req, res) => {
    const ua = req.headers['user-agent'];
    const edge = {
      Server: 'cloudflare',
      'CF-RAY': `${randomBytes(8).toString('hex')}-DMO`,
    };
    if (!ua || LIBRARY_UA.test(ua)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=UTF-8', ...edge });
      res.end('error code: 1010');
      return;
    }
    if (pathOf(req) === '/status') return json(res, 200, { status: 'up' }, edge);
    const key = bearer(req);
    if (key !== keys.wafApi)
      return json(res, 401, { error: 'invalid_token', message: 'token not recognised' }, edge);
    return json(res, 200, { items: [{ id: 1 }] }, edge);
  };
}

/** Every path answers 307 to the same path with a trailing slash, on another origin. */
function redirector(target: () => string): Handler {
  return (req, res) => {
    const path = pathOf(req);
    res.writeHead(307, { Location: `${target()}${path.endsWith('/') ? path : `${path}/`}` });
    res.end();
  };
}

/** FastAPI-like: a Bearer challenge and `{"detail": …}`. */
function redirectTarget(keys: DemoKeys): Handler {
  return (req, res) => {
    const key = bearer(req);
    if (!key)
      return json(
        res,
        401,
        { detail: 'Not authenticated' },
        { 'WWW-Authenticate': 'Bearer realm="api"' },
      );
    if (key !== keys.redirectApi)
      return json(
        res,
        401,
        { detail: 'Could not validate credentials' },
        { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' },
      );
    return json(res, 200, { items: [] });
  };
}

/** A server whose clock is 90 s behind: a JWT issued now is, for it, issued in the future. */
function skewedClock(secret: Buffer): Handler {
  return (req, res) => {
    const serverNow = Date.now() - CLOCK_BEHIND_MS;
    res.setHeader('Date', new Date(serverNow).toUTCString());
    const challenge = (description: string) => ({
      'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
    });
    const jwt = bearer(req);
    if (!jwt)
      return json(
        res,
        401,
        { message: 'unauthorized' },
        { 'WWW-Authenticate': 'Bearer realm="api"' },
      );
    const claims = verifyJwt(jwt, secret);
    if (!claims) return json(res, 401, { message: 'unauthorized' }, challenge('signature invalid'));
    const t = serverNow / 1000;
    if (typeof claims['iat'] === 'number' && claims['iat'] > t + 5)
      return json(res, 401, { message: 'unauthorized' }, challenge('token used before issued'));
    if (typeof claims['exp'] === 'number' && claims['exp'] < t)
      return json(res, 401, { message: 'unauthorized' }, challenge('token expired'));
    return json(res, 200, { sub: claims['sub'] ?? null });
  };
}

/**
 * An OpenID issuer and the API it serves, on one origin: discovery and a JWKS with the current
 * ES256 key, and `/v1/me`, which verifies ES256 tokens with the published keys only and wants
 * `aud` to be `<origin>/v1`, its RFC 9728 `resource` (named in every challenge). The demo's tokens:
 * one signed with the previous key, rotated away since; an ID token; a token for another API.
 */
interface OAuthKeys {
  readonly current: { readonly kid: string; readonly key: KeyObject; readonly public: KeyObject };
  readonly old: { readonly kid: string; readonly key: KeyObject };
}

function makeOAuthKeys(): OAuthKeys {
  const current = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const old = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    current: { kid: 'demo-2026-12', key: current.privateKey, public: current.publicKey },
    old: { kid: 'demo-2026-06', key: old.privateKey },
  };
}

function signEs256(
  claims: Record<string, unknown>,
  kid: string,
  key: KeyObject,
  typ = 'at+jwt',
): string {
  const head = `${b64url(JSON.stringify({ alg: 'ES256', typ, kid }))}.${b64url(JSON.stringify(claims))}`;
  const sig = sign('sha256', Buffer.from(head), { key, dsaEncoding: 'ieee-p1363' });
  return `${head}.${sig.toString('base64url')}`;
}

function oauthIssuer(keys: OAuthKeys, self: () => string): Handler {
  return (req, res) => {
    const path = pathOf(req);
    if (path === '/.well-known/openid-configuration')
      return json(res, 200, { issuer: self(), jwks_uri: `${self()}/jwks` });
    if (path === '/jwks') {
      const jwk = keys.current.public.export({ format: 'jwk' });
      return json(res, 200, {
        keys: [{ ...jwk, kid: keys.current.kid, alg: 'ES256', use: 'sig' }],
      });
    }
    // RFC 9728: the API says what it is (its resource, the audience tokens must name).
    if (path === '/.well-known/oauth-protected-resource')
      return json(res, 200, {
        resource: `${self()}/v1`,
        authorization_servers: [self()],
        bearer_methods_supported: ['header'],
      });
    const refuse = (description: string) =>
      json(
        res,
        401,
        { error: 'invalid_token' },
        {
          'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}", resource_metadata="${self()}/.well-known/oauth-protected-resource"`,
        },
      );
    const jwt = bearer(req);
    const [h, p, s] = (jwt ?? '').split('.');
    if (!jwt || !h || !p || s === undefined) return refuse('bearer token required');
    let kid: unknown;
    try {
      kid = (JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { kid?: unknown }).kid;
    } catch {
      return refuse('token is not a JWT');
    }
    if (kid !== keys.current.kid) return refuse('signing key not found for this token');
    const ok = verify(
      'sha256',
      Buffer.from(`${h}.${p}`),
      { key: keys.current.public, dsaEncoding: 'ieee-p1363' },
      Buffer.from(s, 'base64url'),
    );
    if (!ok) return refuse('invalid signature');
    let aud: unknown;
    try {
      aud = (JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { aud?: unknown }).aud;
    } catch {
      return refuse('token is not a JWT');
    }
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(`${self()}/v1`))
      return refuse(`jwt audience invalid. expected: ${self()}/v1`);
    return json(res, 200, { sub: 'demo-service' });
  };
}

function healthy(keys: DemoKeys): Handler {
  return (req, res) => {
    if (bearer(req) !== keys.healthy)
      return json(
        res,
        401,
        { error: 'invalid_token' },
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      );
    return json(res, 200, { items: [{ id: 1, name: 'demo' }] });
  };
}

function listen(handler: Handler): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    readBody(req)
      .then(async (body) => handler(Object.assign(req, { body }), res))
      .catch(() => {
        if (!res.headersSent) json(res, 500, { error: 'sandbox error' });
        else res.destroy();
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve(server));
  });
}

function origin(server: http.Server): string {
  return `http://${HOST}:${(server.address() as AddressInfo).port}`;
}

/** Starts every server of the sandbox on 127.0.0.1; `close()` stops them all. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { keys, jwtSecret } = makeKeys(options.seed);
  const agent = new http.Agent({ keepAlive: false });
  const servers: http.Server[] = [];
  const close = async () => {
    agent.destroy();
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  };
  try {
    const start = async (handler: Handler) => {
      const server = await listen(handler);
      servers.push(server);
      return origin(server);
    };
    const openai = await start(openaiLike(keys));
    const redirectTo = await start(redirectTarget(keys));
    const urls: Record<SandboxUrl, string> = {
      openai,
      anthropic: await start(anthropicLike(keys)),
      github: await start(githubLike(keys)),
      slack: await start(slackLike(keys)),
      gateway: await start(gateway(keys, agent, openai)),
      proxy: await start(
        forward(agent, openai, (h) => delete h.authorization, {
          Via: '1.1 demo-proxy',
          Server: 'nginx',
        }),
      ),
      redirect: await start(redirector(() => redirectTo)),
      redirectTarget: redirectTo,
      clock: await start(skewedClock(jwtSecret)),
      waf: await start(waf(keys)),
      healthy: await start(healthy(keys)),
      oauth: '',
    };
    const oauthKeys = makeOAuthKeys();
    urls.oauth = await start(oauthIssuer(oauthKeys, () => urls.oauth));
    const now = Math.floor(Date.now() / 1000);
    const rotated = signEs256(
      {
        iss: urls.oauth,
        aud: `${urls.oauth}/v1`,
        sub: 'demo-service',
        scope: 'read',
        iat: now,
        exp: now + 3600,
      },
      oauthKeys.old.kid,
      oauthKeys.old.key,
    );
    const idToken = signEs256(
      {
        iss: urls.oauth,
        aud: 'demo-client',
        azp: 'demo-client',
        sub: 'demo-user',
        nonce: randomBytes(8).toString('hex'),
        iat: now,
        exp: now + 3600,
      },
      oauthKeys.current.kid,
      oauthKeys.current.key,
      'JWT',
    );
    const otherApi = signEs256(
      {
        iss: urls.oauth,
        aud: 'https://billing.example.test/',
        sub: 'demo-service',
        scope: 'read',
        iat: now,
        exp: now + 3600,
      },
      oauthKeys.current.kid,
      oauthKeys.current.key,
    );
    return { urls, keys, tokens: { rotated, idToken, otherApi }, close };
  } catch (e) {
    await close();
    throw e;
  }
}
