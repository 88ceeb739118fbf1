import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { AxiosError, type AxiosResponse } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/demo/sandbox.js';
import {
  attachWhy401,
  diagnosisOf,
  isWhy401Error,
  why401AxiosInterceptor,
  type AxiosResponseLike,
  type Diagnosis,
} from '../../src/index.js';

let sandbox: Sandbox;
let echo: http.Server;
let echoUrl: string;
const arrived: { url: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'axios' });
  // Refuses everything, and notes what arrived.
  echo = http.createServer((req, res) => {
    arrived.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(401, {
      'Content-Type': 'application/json',
      'WWW-Authenticate': 'Basic realm="x"',
    });
    res.end('{"error":"invalid credentials"}');
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(async () => {
  echo.closeAllConnections();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
  await sandbox.close();
});

function collecting(options: { provider?: string; throw?: boolean } = {}) {
  const seen: { diagnosis: Diagnosis; response: AxiosResponseLike | undefined }[] = [];
  const api = axios.create({ proxy: false });
  const detach = attachWhy401(api, {
    ...options,
    onRefused: (diagnosis, response) => {
      seen.push({ diagnosis, response });
    },
  });
  return { api, seen, detach };
}

describe('attachWhy401(axios instance)', () => {
  it('a 401: axios still rejects with its own error, the diagnosis rides on it', async () => {
    const { api, seen } = collecting({ provider: 'openai' });
    const error: unknown = await api
      .get(`${sandbox.urls.openai}/v1/models`, {
        headers: { Authorization: `Bearer "${sandbox.keys.openai}"` },
      })
      .catch((e: unknown) => e);
    expect(axios.isAxiosError(error)).toBe(true);
    expect((error as AxiosError).response?.status).toBe(401);
    expect(diagnosisOf(error)?.verdict.cause).toBe('key.quoted');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.response?.status).toBe(401);
    expect(seen[0]?.diagnosis).toBe(diagnosisOf(error));
    // not enumerable: axios' toJSON and loggers do not grow
    expect(Object.keys(error as object)).not.toContain('why401');
  });

  it('throw: true: a Why401Error whose cause is the AxiosError', async () => {
    const api = axios.create({ proxy: false });
    attachWhy401(api, { throw: true, provider: 'openai' });
    const error: unknown = await api
      .get(`${sandbox.urls.openai}/v1/models`, { headers: { Authorization: 'Bearer undefined' } })
      .catch((e: unknown) => e);
    expect(isWhy401Error(error)).toBe(true);
    if (!isWhy401Error(error)) return;
    expect(error.code).toBe('WHY401_E_REFUSED');
    expect(error.diagnosis?.verdict.cause).toBe('key.missing');
    expect(axios.isAxiosError(error.cause)).toBe(true);
    expect(diagnosisOf(error)).toBe(error.diagnosis);
  });

  it('a 200 whose body says invalid_auth (Slack): resolved, and reported', async () => {
    const { api, seen } = collecting({ provider: 'slack' });
    const res = await api.post(`${sandbox.urls.slack}/api/auth.test`, null, {
      headers: { Authorization: `Bearer ${sandbox.keys.slackRevoked}` },
    });
    expect(res.data).toEqual({ ok: false, error: 'invalid_auth' });
    expect(seen.map((s) => s.diagnosis.verdict.cause)).toEqual(['status.error-in-body']);
    expect(seen[0]?.response).toBe(res);
  });

  it('an accepted call is not reported', async () => {
    const { api, seen } = collecting();
    const res = await api.get(`${sandbox.urls.healthy}/v1/items`, {
      headers: { Authorization: `Bearer ${sandbox.keys.healthy}` },
    });
    expect(res.status).toBe(200);
    expect(seen).toEqual([]);
  });

  it('baseURL, params and auth are read as axios sends them; the query key is redacted', async () => {
    const { api, seen } = collecting();
    const key = 'qk_abcdefghijklmnopqrstuvwxyz0123';
    await api
      .get('/v1/items', { baseURL: `${echoUrl}/api/`, params: { api_key: key, page: 2 } })
      .catch(() => undefined);
    const d = seen[0]?.diagnosis;
    expect(arrived.at(-1)?.url).toBe(`/api/v1/items?api_key=${key}&page=2`);
    expect(d?.target.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/items\?api_key=.*&page=2$/);
    expect(d?.target.url).not.toContain(key.slice(3, 12));
    expect(d?.credential?.source).toBe('query:api_key');

    await api
      .get(`${echoUrl}/basic`, { auth: { username: 'user', password: 'pass word 123456' } })
      .catch(() => undefined);
    expect(arrived.at(-1)?.authorization).toMatch(/^Basic /);
    expect(seen[1]?.diagnosis.credential?.source).toBe('header:Authorization');
    expect(JSON.stringify(seen[1]?.diagnosis)).not.toContain(
      Buffer.from('user:pass word 123456').toString('base64').slice(0, 12),
    );
  });

  it('a request Node refused to send (ERR_INVALID_CHAR, older axios): key.newline', async () => {
    // axios 1.x strips control characters from header values before sending; older versions
    // passed them to Node, which throws ERR_INVALID_CHAR with no response.
    const seen: string[] = [];
    const { onRejected } = why401AxiosInterceptor({
      onRefused: (d, response) => void seen.push(`${d.verdict.cause} ${String(response)}`),
    });
    const config = {
      url: `${echoUrl}/v1/me`,
      method: 'get',
      headers: { Authorization: 'Bearer tok_abc\ndefghijklmnop' },
    };
    const refused = new AxiosError(
      'Invalid character in header content ["Authorization"]',
      'ERR_INVALID_CHAR',
      config as never,
    );
    await expect(onRejected(refused)).rejects.toBe(refused);
    expect(seen).toEqual(['key.newline undefined']);
  });

  it('detach removes the interceptor', async () => {
    const { api, seen, detach } = collecting();
    detach();
    await api.get(`${echoUrl}/v1/me`).catch(() => undefined);
    expect(seen).toEqual([]);
  });

  it('why401AxiosInterceptor: the handlers alone, for interceptors.response.use', async () => {
    const api = axios.create({ proxy: false });
    const seen: string[] = [];
    const { onFulfilled, onRejected } = why401AxiosInterceptor({
      onRefused: (d) => void seen.push(d.verdict.status),
    });
    api.interceptors.response.use(onFulfilled, onRejected);
    await api
      .get(`${echoUrl}/v1/me`, { headers: { 'X-Api-Key': 'k_abcdefghijklmnopqrst' } })
      .catch(() => undefined);
    expect(seen).toEqual(['rejected']);
    // Non-axios values pass through untouched.
    const res = { status: 200 } as unknown as AxiosResponse;
    await expect(onFulfilled(res)).resolves.toBe(res);
    await expect(onRejected(new Error('other'))).rejects.toThrow('other');
  });
});
