import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { expectNoCredential, send, startCli, type Running } from './support.js';

const KEY = makeKey('t0k-', 40);

describe('why401 echo', () => {
  let echo: Running;
  beforeAll(async () => {
    echo = await startCli(['echo', '--port', '0']);
  });
  afterAll(async () => {
    await echo.stop();
  });

  it('shows hidden characters, edge spaces, repeats and underscores, never the key', async () => {
    const got = await send(`${echo.origin}/v1/models?api_key=${KEY}`, {
      headers: [
        ['Authorization', `Bearer ${KEY}\u00e2\u0080\u008b `], // U+200B and a space, as sent
        ['x_api_key', KEY],
        ['X-Trace', 'a'],
        ['x-trace', 'b'],
        ['X-Note', '\tinner tab\tkept '],
      ],
    });
    expect(got.status).toBe(200);
    const report = JSON.parse(got.body.toString()) as {
      schema: string;
      path: string;
      headers: {
        name: string;
        value: string;
        hidden: string[];
        credential: boolean;
        underscore: boolean;
        count: number;
      }[];
      credentials: { where: string; fingerprint: string; hidden: string[] }[];
      duplicates: string[];
      underscores: string[];
    };
    expect(report.schema).toBe('why401/echo@1');
    const auth = report.headers.find((h) => h.name === 'Authorization');
    expect(auth?.credential).toBe(true);
    expect(auth?.value).toMatch(/^Bearer …\w{4}⟨ZERO WIDTH SPACE⟩⟨SPACE⟩$/);
    expect(report.headers.find((h) => h.name === 'X-Note')?.value).toBe(
      '⟨TAB⟩inner tab⟨TAB⟩kept⟨SPACE⟩',
    );
    expect(report.underscores).toEqual(['x_api_key']);
    expect(report.duplicates).toEqual(['x-trace']);
    expect(report.credentials.map((c) => c.where)).toEqual([
      'Authorization',
      'x_api_key',
      '?api_key=',
    ]);
    expect(report.credentials[1]?.fingerprint).toBe(report.credentials[2]?.fingerprint);
    expect(report.path).not.toContain(KEY.slice(4, 13));
    await echo.lines(5);
    expectNoCredential(got.body.toString(), [KEY], 'answer');
    expectNoCredential(echo.stdout() + echo.stderr(), [KEY], 'printout');
    expect(echo.stdout()).toContain('underscore');
    expect(echo.stdout()).toContain('sent 2×');
    expect(echo.stdout()).toContain('hidden: ZERO WIDTH SPACE');
  });
});
