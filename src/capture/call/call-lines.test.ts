import { describe, expect, it } from 'vitest';
import { PLAIN } from '../../report/style.js';
import { callLine, RepeatFolder } from './call-lines.js';
import type { CallReport } from './judge-call.js';

function report(over: Partial<CallReport> = {}): CallReport {
  return {
    schema: 'why401/call@1',
    id: 1,
    time: new Date(2026, 0, 1, 9, 30, 5).toISOString(),
    method: 'GET',
    url: 'http://127.0.0.1:9/v1/models',
    path: '/v1/models',
    status: 401,
    elapsedMs: 2,
    credential: null,
    refused: true,
    verdict: {
      status: 'rejected',
      cause: 'credential.invalid',
      summary: 'no',
    } as CallReport['verdict'],
    findings: [],
    interrupted: null,
    pid: null,
    exchange: null,
    ...over,
  };
}

describe('RepeatFolder', () => {
  it('prints the first of identical refusals, then counts them in one line', () => {
    const folder = new RepeatFolder();
    expect(folder.fold(report())).toBe(true);
    expect(folder.repeats(PLAIN)).toEqual([]);
    for (let i = 0; i < 999; i++)
      expect(folder.fold(report({ time: new Date(2026, 0, 1, 9, 31, 0).toISOString() }))).toBe(
        false,
      );
    expect(folder.repeats(PLAIN)).toEqual([
      '09:31:00  GET /v1/models  401  ×1000 since 09:30:05, same cause: credential.invalid',
    ]);
    expect(folder.repeats(PLAIN)).toEqual([]); // nothing new since
    folder.fold(report());
    expect(folder.repeats(PLAIN)[0]).toContain('×1001 since 09:30:05');
  });

  it('keeps apart what differs: path, status, cause, credential; accepted calls always print', () => {
    const folder = new RepeatFolder();
    expect(folder.fold(report())).toBe(true);
    expect(folder.fold(report({ path: '/v1/other' }))).toBe(true);
    expect(folder.fold(report({ status: 403 }))).toBe(true);
    expect(
      folder.fold(
        report({
          verdict: {
            status: 'rejected',
            cause: 'header.missing',
            summary: 'no',
          } as CallReport['verdict'],
        }),
      ),
    ).toBe(true);
    expect(
      folder.fold(
        report({
          credential: {
            where: 'Authorization',
            scheme: 'Bearer',
            visible: '…abcd',
          } as CallReport['credential'],
        }),
      ),
    ).toBe(true);
    expect(folder.fold(report({ refused: false, status: 200, verdict: null }))).toBe(true);
    expect(folder.fold(report({ refused: false, status: 200, verdict: null }))).toBe(true);
  });
});

describe('calls to many hosts (the forward proxy)', () => {
  const openai = report({ url: 'https://api.openai.test/v1/models' });
  const other = report({ url: 'https://api.other.test/v1/models' });

  it('the same path on two hosts never folds into one', () => {
    const folder = new RepeatFolder(true);
    expect(folder.fold(openai)).toBe(true);
    expect(folder.fold(other)).toBe(true);
    expect(folder.fold(openai)).toBe(false);
    expect(folder.repeats(PLAIN)).toEqual([
      expect.stringContaining('GET api.openai.test/v1/models  401  ×2'),
    ]);
  });

  it('a line names the host with withHost, the path alone without', () => {
    expect(callLine(openai, PLAIN, true)).toContain('GET api.openai.test/v1/models  401');
    expect(callLine(openai, PLAIN)).toContain('GET /v1/models  401');
  });
});
