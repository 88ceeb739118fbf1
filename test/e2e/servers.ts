/**
 * Scenario servers for the end-to-end suite: small node:http origins on 127.0.0.1 (port 0),
 * shaped like the designs of shared/research/real-401-cases.md. Bodies are described there and
 * written here in the shape real providers use (error envelopes, headers), never copied. Keys
 * are generated at run time and handed to the servers; nothing key-like is written down.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Socket } from 'node:net';

const HOST = '127.0.0.1';

export interface TestServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT` (or https). */
  readonly origin: string;
  stop(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

// ---------------------------------------------------------------- keys and tokens

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh random credential: neutral shape (no provider's prefix), alphanumeric body. */
export function makeKey(prefix = 't0k-', length = 32): string {
  let out = prefix;
  for (const b of randomBytes(length)) out += ALNUM[b % ALNUM.length];
  return out;
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** An HS256 JWT with the given claims (seconds since the epoch). */
export function makeJwt(secret: string, claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

function verifyJwt(secret: string, token: string): Record<string, unknown> | undefined {
  const [head, body, sig] = token.split('.');
  if (head === undefined || body === undefined || sig === undefined) return undefined;
  const want = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  if (!same(want, sig)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** HMAC-SHA256 hex of a query string, as exchange-style signed endpoints compute it. */
export function signQuery(secret: string, query: string): string {
  return createHmac('sha256', secret).update(query).digest('hex');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---------------------------------------------------------------- plumbing

function listen(server: Server, scheme: 'http' | 'https'): Promise<TestServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      let stopped = false;
      resolve({
        port,
        origin: `${scheme}://${HOST}:${port}`,
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

function wrap(handler: Handler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handler(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        if (!res.headersSent) res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`test server bug: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  };
}

/** A plain HTTP scenario server on 127.0.0.1:0. */
export function serve(handler: Handler): Promise<TestServer> {
  return listen(createHttpServer(wrap(handler)), 'http');
}

/** The same over TLS with the given PEM key and certificate. */
export function serveTls(
  handler: Handler,
  tls: { key: Buffer; cert: Buffer },
): Promise<TestServer> {
  return listen(createHttpsServer({ key: tls.key, cert: tls.cert }, wrap(handler)), 'https');
}

/** JSON (objects) or text (strings); `headers` may override the content type. */
function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    ...headers,
  });
  res.end(text);
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, 'content-length': '0' });
  res.end();
}

/** The token after `Bearer`; undefined without Authorization, null for another scheme. */
function bearerOf(req: IncomingMessage): string | null | undefined {
  const h = req.headers.authorization;
  if (h === undefined || h.trim() === '') return undefined;
  const m = /^Bearer +(.*)$/i.exec(h);
  return m ? (m[1] ?? '') : null;
}

const pathOf = (req: IncomingMessage): string => new URL(req.url ?? '/', 'http://x').pathname;
const queryOf = (req: IncomingMessage): URLSearchParams =>
  new URL(req.url ?? '/', 'http://x').searchParams;

// ---------------------------------------------------------------- scenario servers

/**
 * Design 1 (ws-09): the key travels as the query parameter api_key and is compared byte for
 * byte. Mismatch: 401 with a short JSON "Invalid API Key", no WWW-Authenticate.
 */
export function startQueryKeyApi(key: string): Promise<TestServer> {
  return serve((req, res) => {
    if (queryOf(req).get('api_key') === key)
      return reply(res, 200, { error: 'OK', status_code: 1, results: [] });
    reply(res, 401, { error: 'Invalid API Key', status_code: 100, results: [] });
  });
}

/**
 * A Bearer API (designs 3, 5, 6): no Bearer credential → 401 with a bare Bearer challenge and a
 * "Not authenticated" detail; a wrong one → 401 error="invalid_token". The header value is read
 * the way a standards-following server does (trailing spaces trimmed by the parser).
 * With `expired`, that token is known but past its lifetime.
 */
export function startBearerApi(key: string, opts: { expired?: string } = {}): Promise<TestServer> {
  return serve((req, res) => {
    const token = bearerOf(req);
    if (token === undefined || token === null)
      return reply(
        res,
        401,
        { detail: 'Not authenticated' },
        { 'www-authenticate': 'Bearer realm="api"' },
      );
    if (token === key) return reply(res, 200, { items: [{ id: 1 }], path: pathOf(req) });
    if (opts.expired !== undefined && token === opts.expired)
      return reply(
        res,
        401,
        { detail: 'Token expired' },
        {
          'www-authenticate':
            'Bearer realm="api", error="invalid_token", error_description="The access token expired"',
        },
      );
    reply(
      res,
      401,
      { detail: 'Invalid token' },
      {
        'www-authenticate':
          'Bearer realm="api", error="invalid_token", error_description="The access token is invalid"',
      },
    );
  });
}

/**
 * Designs 2 and 4: an OpenAI-style API. Wrong key → 401 invalid_api_key echoing the received key
 * masked (first 3 chars, asterisks, last 4). With `org`, an OpenAI-Organization header for
 * another organisation → 401 mismatched_organization (sc-02). With `quota`, a valid key gets
 * 429 insufficient_quota (qb-01).
 */
export function startOpenAiLikeApi(
  key: string,
  opts: { org?: string; quota?: boolean } = {},
): Promise<TestServer> {
  return serve((req, res) => {
    const token = bearerOf(req);
    const headers = { 'x-request-id': `req_${randomBytes(8).toString('hex')}` };
    if (token === undefined || token === null)
      return reply(
        res,
        401,
        {
          error: {
            message:
              "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        },
        headers,
      );
    if (token !== key) {
      const masked = `${token.slice(0, 3)}${'*'.repeat(12)}${token.slice(-4)}`;
      return reply(
        res,
        401,
        {
          error: {
            message: `Incorrect API key provided: ${masked}. You can find your API key at https://platform.example.invalid/account/api-keys.`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        },
        headers,
      );
    }
    const org = req.headers['openai-organization'];
    if (opts.org !== undefined && org !== undefined && org !== opts.org)
      return reply(
        res,
        401,
        {
          error: {
            message: 'OpenAI-Organization header should match organization for API key',
            type: 'invalid_request_error',
            param: null,
            code: 'mismatched_organization',
          },
        },
        headers,
      );
    if (opts.quota)
      return reply(
        res,
        429,
        {
          error: {
            message: 'You exceeded your current quota, please check your plan and billing details.',
            type: 'insufficient_quota',
            param: null,
            code: 'insufficient_quota',
          },
        },
        headers,
      );
    reply(res, 200, { object: 'list', data: [{ id: 'e2e-model', object: 'model' }] }, headers);
  });
}

/**
 * An Anthropic-style API: the key in x-api-key, anthropic-version required. No x-api-key → 401
 * authentication_error; a wrong one → 401 "invalid x-api-key"; no version → 400.
 */
export function startAnthropicLikeApi(key: string): Promise<TestServer> {
  return serve((req, res) => {
    const headers = { 'request-id': `req_${randomBytes(8).toString('hex')}` };
    const err = (status: number, type: string, message: string) =>
      reply(res, status, { type: 'error', error: { type, message } }, headers);
    const sent = req.headers['x-api-key'];
    if (sent === undefined) return err(401, 'authentication_error', 'x-api-key header is required');
    if (sent !== key) return err(401, 'authentication_error', 'invalid x-api-key');
    if (req.headers['anthropic-version'] === undefined)
      return err(400, 'invalid_request_error', 'anthropic-version: header is required');
    reply(res, 200, { data: [{ type: 'model', id: 'e2e-model' }], has_more: false }, headers);
  });
}

/** Accepts the key in x-api-key or as Bearer; when both come, x-api-key wins (as many do). */
export function startEitherHeaderApi(key: string): Promise<TestServer> {
  return serve((req, res) => {
    const sent = req.headers['x-api-key'] ?? bearerOf(req);
    if (typeof sent !== 'string')
      return reply(res, 401, {
        error: { code: 'missing_api_key', message: 'No API key provided.' },
      });
    if (sent !== key)
      return reply(res, 401, { error: { code: 'invalid_api_key', message: 'Invalid API key.' } });
    reply(res, 200, { ok: true });
  });
}

/**
 * Design 6, second route: the key in a header named x_api_key (underscore). Missing → 401 with a
 * Bearer challenge and "no credentials were provided"; wrong → 401 invalid.
 */
export function startUnderscoreHeaderApi(key: string): Promise<TestServer> {
  return serve((req, res) => {
    const sent = req.headers['x_api_key'];
    if (sent === undefined)
      return reply(
        res,
        401,
        { detail: 'Authentication credentials were not provided.' },
        { 'www-authenticate': 'Bearer realm="api"' },
      );
    if (sent !== key) return reply(res, 401, { detail: 'Invalid API key.' });
    reply(res, 200, { items: [] });
  });
}

const LIBRARY_UA = /^(python-urllib|python-requests|go-http-client|node|undici|axios)\b/i;

/**
 * Design 12: before any auth, a missing or default library User-Agent gets a Cloudflare-style
 * 403 text/plain "error code: 1010" (Server: cloudflare, CF-RAY) on every path. Otherwise Bearer.
 */
export function startWafApi(key: string): Promise<TestServer> {
  return serve((req, res) => {
    const ua = req.headers['user-agent'];
    if (ua === undefined || LIBRARY_UA.test(ua))
      return reply(res, 403, 'error code: 1010', {
        server: 'cloudflare',
        'cf-ray': `${randomBytes(8).toString('hex')}-FRA`,
      });
    if (pathOf(req) === '/status') return reply(res, 200, { status: 'ok' });
    if (bearerOf(req) !== key)
      return reply(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
    reply(res, 200, { ok: true });
  });
}

/** A valid key that is rate limited: 429 with Retry-After, OpenAI-style wording. */
export function startRateLimitedApi(key: string): Promise<TestServer> {
  return serve((req, res) => {
    if (bearerOf(req) !== key)
      return reply(res, 401, { error: { code: 'invalid_api_key', message: 'Invalid API key.' } });
    reply(
      res,
      429,
      {
        error: {
          message:
            'Rate limit reached for e2e-model in organization org-e2e on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
      { 'retry-after': '20', 'x-ratelimit-remaining-requests': '0' },
    );
  });
}

/** Slack-style: always 200; the verdict is ok:true / ok:false in the body (wv-05). */
export function startSlackLikeApi(key: string): Promise<TestServer> {
  return serve((req, res) => {
    const token = bearerOf(req);
    if (token === undefined || token === null)
      return reply(res, 200, { ok: false, error: 'not_authed' });
    if (token !== key) return reply(res, 200, { ok: false, error: 'invalid_auth' });
    reply(res, 200, { ok: true, url: 'https://e2e.example.invalid/', team: 'E2E', user: 'bot' });
  });
}

/**
 * API Gateway-style (gw-06): only /prod/items exists (x-api-key required there); any other path,
 * with or without a key, gets 403 "Missing Authentication Token" with x-amzn-ErrorType.
 */
export function startApiGatewayLike(key: string): Promise<TestServer> {
  return serve((req, res) => {
    const amzn = { 'x-amzn-requestid': randomBytes(16).toString('hex') };
    if (pathOf(req) !== '/prod/items')
      return reply(
        res,
        403,
        { message: 'Missing Authentication Token' },
        { ...amzn, 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
      );
    if (req.headers['x-api-key'] !== key)
      return reply(
        res,
        403,
        { message: 'Forbidden' },
        { ...amzn, 'x-amzn-errortype': 'ForbiddenException' },
      );
    reply(res, 200, { items: [] }, amzn);
  });
}

/**
 * Design 11, GitHub-style. Tokens map to scopes. GET /user: 200 for any known token. A private
 * repo: 200 with the repo scope, else the same 404 as for anonymous callers. Repo hooks: 403 with
 * X-Accepted-OAuth-Scopes when the scope is missing. An SSO org: 403 with X-GitHub-SSO.
 */
export function startGitHubLikeApi(
  tokens: Readonly<Record<string, string>>,
  opts: { ssoOrg?: string } = {},
): Promise<TestServer> {
  const notFound = {
    message: 'Not Found',
    documentation_url: 'https://docs.github.example.invalid/rest/repos/repos#get-a-repository',
    status: '404',
  };
  return serve((req, res) => {
    const token = bearerOf(req) ?? /^token +(.*)$/i.exec(req.headers.authorization ?? '')?.[1];
    const scopes = typeof token === 'string' ? tokens[token] : undefined;
    const path = pathOf(req);
    const base: OutgoingHttpHeaders = {
      'x-github-request-id': randomBytes(6).toString('hex').toUpperCase(),
      'x-github-media-type': 'github.v3; format=json',
    };
    if (typeof token === 'string' && token !== '' && scopes === undefined)
      return reply(res, 401, { message: 'Bad credentials', status: '401' }, base);
    const has = (s: string) => (scopes ?? '').split(/,\s*/).includes(s);
    const authed: OutgoingHttpHeaders =
      scopes === undefined ? base : { ...base, 'x-oauth-scopes': scopes };
    if (path === '/user') {
      if (scopes === undefined)
        return reply(res, 401, { message: 'Requires authentication', status: '401' }, base);
      return reply(res, 200, { login: 'e2e-user', id: 1 }, authed);
    }
    if (path === '/repos/acme/private') {
      if (has('repo')) return reply(res, 200, { full_name: 'acme/private', private: true }, authed);
      return reply(res, 404, notFound, {
        ...authed,
        ...(scopes === undefined ? {} : { 'x-accepted-oauth-scopes': 'repo' }),
      });
    }
    if (path === '/repos/acme/widgets/hooks') {
      if (has('admin:repo_hook') || has('repo')) return reply(res, 200, [], authed);
      return reply(
        res,
        403,
        {
          message: 'Must have admin rights to Repository.',
          documentation_url: 'https://docs.github.example.invalid/rest/repos/webhooks',
          status: '403',
        },
        { ...authed, 'x-accepted-oauth-scopes': 'admin:repo_hook, read:repo_hook, repo' },
      );
    }
    if (opts.ssoOrg !== undefined && path === `/orgs/${opts.ssoOrg}/repos`) {
      if (has('sso-authorized')) return reply(res, 200, [], authed);
      return reply(
        res,
        403,
        {
          message: `Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.`,
          documentation_url:
            'https://docs.github.example.invalid/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/',
          status: '403',
        },
        {
          ...authed,
          'x-github-sso': `required; url=https://github.example.invalid/orgs/${opts.ssoOrg}/sso?authorization_request=${randomBytes(12).toString('hex')}`,
        },
      );
    }
    reply(res, 404, notFound, authed);
  });
}

/** 500 for every request, whatever the key. */
export function startBrokenApi(): Promise<TestServer> {
  return serve((_req, res) =>
    reply(res, 500, {
      error: {
        message: 'The server had an error while processing your request.',
        type: 'server_error',
      },
    }),
  );
}

/**
 * Google-style key restrictions (rs-01): the key in ?key=. A restricted key → 403
 * PERMISSION_DENIED naming the IP restriction; an unrestricted one → 200.
 */
export function startGoogleLikeApi(keys: {
  open: string;
  ipRestricted: string;
}): Promise<TestServer> {
  return serve((req, res) => {
    const key = queryOf(req).get('key');
    if (key === keys.open) return reply(res, 200, { results: [], status: 'OK' });
    if (key === null)
      return reply(res, 403, {
        error: {
          code: 403,
          message: 'The request is missing a valid API key.',
          status: 'PERMISSION_DENIED',
        },
      });
    if (key === keys.ipRestricted)
      return reply(res, 403, {
        error: {
          code: 403,
          message:
            'The provided API key has an IP address restriction. The originating IP address of the call (127.0.0.1) violates this restriction.',
          status: 'PERMISSION_DENIED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'API_KEY_IP_ADDRESS_BLOCKED',
            },
          ],
        },
      });
    reply(res, 400, {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
        ],
      },
    });
  });
}

// ---------------------------------------------------------------- worded differently

/**
 * One server, many frameworks: each path answers the way another stack words its refusals (an
 * audit found these read wrong). Written from the shapes those stacks use, never copied:
 * - /v1/widgets: a 403 `{"errors":["Invalid API key"]}` for a wrong Bearer key (Datadog-like).
 * - /graphql: always 200; no or a wrong key → `errors[].extensions.code` UNAUTHENTICATED, data null.
 * - /portal/api: a 200 HTML sign-in form, whatever is sent.
 * - /aspnet: a wrong or no Bearer token → 401, empty body, a bare `WWW-Authenticate: Bearer`.
 * - /edge: the key in X-Auth-Token; without it → 401 "Missing X-Auth-Token header".
 * - /drf: `Authorization: Token <key>`; anything else → 403 "Authentication credentials were not
 *   provided." (no challenge: session authentication first), a wrong token → 401 "Invalid token.".
 * - /basic: `Authorization: Basic base64(<key>:)`; else 401 `WWW-Authenticate: Basic realm="api"`.
 * - /search: a 403 anonymous rate limit (X-RateLimit-Limit 60, Remaining 0), key or not.
 * - /signed: a 403 "Signature expired" with x-amzn-ErrorType and a Date `skewMs` ahead.
 * - anything else: Express's 404 "Cannot GET <path>".
 */
export function startWordedDifferentlyApi(
  key: string,
  opts: { skewMs?: number } = {},
): Promise<TestServer> {
  const html = { 'content-type': 'text/html; charset=utf-8' };
  return serve((req, res) => {
    const path = pathOf(req);
    const token = bearerOf(req);
    switch (path) {
      case '/v1/widgets':
        if (token === key) return reply(res, 200, { widgets: [] });
        return reply(res, 403, { errors: ['Invalid API key'] });
      case '/graphql':
        if (token === key) return reply(res, 200, { data: { viewer: { id: 1 } } });
        return reply(res, 200, {
          errors: [
            {
              message: 'This operation requires a signed-in user',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
          data: null,
        });
      case '/portal/api':
        return reply(
          res,
          200,
          '<!doctype html><html><head><title>Acme Portal</title></head><body><form method="post" action="/session"><label>Email <input name="email"></label><label>Password <input type="password" name="password"></label><button>Continue</button></form></body></html>',
          html,
        );
      case '/aspnet':
        if (token === key) return reply(res, 200, { values: [] });
        res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-length': '0' });
        return res.end();
      case '/edge': {
        const sent = req.headers['x-auth-token'];
        if (sent === key) return reply(res, 200, { ok: true });
        if (sent === undefined) return reply(res, 401, { message: 'Missing X-Auth-Token header' });
        return reply(res, 401, { message: 'Invalid X-Auth-Token' });
      }
      case '/drf': {
        const m = /^Token +(.*)$/.exec(req.headers.authorization ?? '');
        if (!m) return reply(res, 403, { detail: 'Authentication credentials were not provided.' });
        if (m[1] !== key) return reply(res, 401, { detail: 'Invalid token.' });
        return reply(res, 200, { results: [] });
      }
      case '/basic':
        if (req.headers.authorization === `Basic ${Buffer.from(`${key}:`).toString('base64')}`)
          return reply(res, 200, { ok: true });
        return reply(res, 401, 'Unauthorized', { 'www-authenticate': 'Basic realm="api"' });
      case '/search':
        return reply(
          res,
          403,
          { message: 'API rate limit exceeded for 127.0.0.1.' },
          {
            'x-ratelimit-limit': '60',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 600),
          },
        );
      case '/signed':
        return reply(
          res,
          403,
          {
            message:
              'Signature expired: 20260115T115500Z is now earlier than 20260115T120500Z (20260115T121000Z - 5 min.)',
          },
          {
            date: new Date(Date.now() + (opts.skewMs ?? 0)).toUTCString(),
            'x-amzn-errortype': 'InvalidSignatureException',
            'x-amzn-requestid': randomBytes(16).toString('hex'),
          },
        );
      default:
        return reply(
          res,
          404,
          `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><pre>Cannot GET ${path.replace(/[<>&]/g, '')}</pre></body></html>`,
          { ...html, 'x-powered-by': 'Express' },
        );
    }
  });
}

// ---------------------------------------------------------------- redirects

/** Design 5: /items answers 307 to `target` + /items/ (another origin when target is). */
export function startRedirector(target: () => string): Promise<TestServer> {
  return serve((req, res) => {
    if (pathOf(req) === '/items') {
      return redirect(res, 307, `${target()}/items/`);
    }
    reply(res, 404, { detail: 'Not Found' });
  });
}

/** Design 5's negative control: a relative redirect on the same origin to a Bearer route. */
export function startSameOriginRedirectApi(key: string): Promise<TestServer> {
  return serve((req, res) => {
    if (pathOf(req) === '/items') {
      return redirect(res, 307, '/items/');
    }
    if (bearerOf(req) !== key)
      return reply(res, 401, { detail: 'Not authenticated' }, { 'www-authenticate': 'Bearer' });
    reply(res, 200, { items: [] });
  });
}

/** Redirect loops: /a ↔ /b (a cycle), and /spiral?n=N → n+1 (never the same URL twice). */
export function startRedirectLoops(): Promise<TestServer> {
  return serve((req, res) => {
    const path = pathOf(req);
    let location = '/a';
    if (path === '/a') location = '/b';
    else if (path === '/spiral') location = `/spiral?n=${Number(queryOf(req).get('n') ?? '0') + 1}`;
    redirect(res, 302, location);
  });
}

/**
 * gw-11/gw-12: an SSO layer in front of the API answers 302 to its login page on another host
 * name (`localhost` for the same 127.0.0.1 server), whose page is HTML 200.
 */
export function startLoginRedirectApi(): Promise<TestServer> {
  let port = 0;
  const started = serve((req, res) => {
    const path = pathOf(req);
    if (path === '/login')
      return reply(
        res,
        200,
        '<!doctype html><html><head><title>Sign in</title></head><body><form method="post"><input name="email"></form></body></html>',
        { 'content-type': 'text/html; charset=utf-8' },
      );
    redirect(res, 302, `http://localhost:${port}/login?return_to=${encodeURIComponent(path)}`);
  });
  return started.then((s) => {
    port = s.port;
    return s;
  });
}

// ---------------------------------------------------------------- time

/**
 * Design 10, HMAC variant (ck-03): exchange-style signed GET. The server's clock (validation and
 * its Date header) is shifted by `skewMs`; a timestamp more than recvWindow (default 5000 ms) off
 * its clock → 400 code -1021.
 */
export function startSignedApi(opts: {
  key: string;
  secret: string;
  skewMs: number;
}): Promise<TestServer> {
  return serve((req, res) => {
    const now = Date.now() + opts.skewMs;
    const date = { date: new Date(now).toUTCString() };
    if (req.headers['x-mbx-apikey'] === undefined)
      return reply(res, 401, { code: -2014, msg: 'API-key format invalid.' }, date);
    if (req.headers['x-mbx-apikey'] !== opts.key)
      return reply(
        res,
        401,
        { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
        date,
      );
    const raw = (req.url ?? '').split('?')[1] ?? '';
    const q = new URLSearchParams(raw);
    const signature = q.get('signature') ?? '';
    const unsigned = raw.replace(/&?signature=[^&]*/, '');
    if (!same(signQuery(opts.secret, unsigned), signature))
      return reply(
        res,
        400,
        { code: -1022, msg: 'Signature for this request is not valid.' },
        date,
      );
    const ts = Number(q.get('timestamp'));
    const window = Number(q.get('recvWindow') ?? '5000');
    if (!Number.isFinite(ts) || Math.abs(now - ts) > window)
      return reply(
        res,
        400,
        { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
        date,
      );
    reply(res, 200, { canTrade: true, balances: [] }, date);
  });
}

/**
 * Design 10, JWT variant (ck-04): HS256 Bearer tokens checked against a clock shifted by
 * `skewMs` (also in Date). iat or nbf ahead of that clock → 401 invalid_token "used before
 * issued"; exp past → 401 expired.
 */
export function startJwtApi(opts: { secret: string; skewMs: number }): Promise<TestServer> {
  return serve((req, res) => {
    const now = Date.now() + opts.skewMs;
    const date = { date: new Date(now).toUTCString() };
    const fail = (description: string) =>
      reply(
        res,
        401,
        { error: 'invalid_token', error_description: description },
        {
          ...date,
          'www-authenticate': `Bearer realm="api", error="invalid_token", error_description="${description}"`,
        },
      );
    const token = bearerOf(req);
    if (token === undefined || token === null)
      return reply(
        res,
        401,
        { error: 'unauthorized' },
        { ...date, 'www-authenticate': 'Bearer realm="api"' },
      );
    const claims = verifyJwt(opts.secret, token);
    if (!claims) return fail('The token signature is invalid');
    const sec = Math.floor(now / 1000);
    const iat = Number(claims['iat'] ?? 0);
    const nbf = Number(claims['nbf'] ?? 0);
    if (iat > sec || nbf > sec) return fail('Token used before issued');
    if (Number(claims['exp'] ?? Infinity) < sec) return fail('Token is expired');
    reply(res, 200, { sub: claims['sub'] ?? null }, date);
  });
}

// ---------------------------------------------------------------- silence

/** Accepts TCP connections and never answers (the sockets are held until stop). */
export function startBlackHole(): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        port,
        origin: `http://${HOST}:${port}`,
        stop: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

/**
 * Issue 14: an API that compares the Authorization header as a string: only `Bearer <key>`
 * exactly is accepted. `bearer <key>` (legal: the scheme is case-insensitive) gets the same bare
 * 401 as no key at all.
 */
export function startCaseSensitiveBearerApi(key: string): Promise<TestServer> {
  return serve((req, res) => {
    if (req.headers.authorization === `Bearer ${key}`)
      return reply(res, 200, { items: [{ id: 1 }], path: pathOf(req) });
    reply(res, 401, { message: 'Unauthorized' });
  });
}
