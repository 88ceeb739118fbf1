import { describe, expect, it } from 'vitest';
import { parseCompose } from './compose-parse.js';

const shell: Record<string, string> = { FROM_SHELL: 'shell-value', KEY: 'dotenv-value' };
const lookup = (n: string) => shell[n];
const env = (text: string) =>
  parseCompose(text, lookup).environment.map((e) => [e.service, e.name, e.value, e.line, e.syntax]);

describe('parseCompose environment', () => {
  it('map syntax is YAML: quotes removed', () => {
    expect(env('services:\n  api:\n    environment:\n      A: "v"\n      B: 12\n')).toEqual([
      ['api', 'A', 'v', 4, 'map'],
      ['api', 'B', '12', 5, 'map'],
    ]);
  });

  it('list syntax is literal: quotes kept (qt-02)', () => {
    expect(env('services:\n  api:\n    environment:\n      - A="v"\n      - "B=w"\n')).toEqual([
      ['api', 'A', '"v"', 4, 'list'],
      ['api', 'B', 'w', 5, 'list'],
    ]);
  });

  it('interpolates ${VAR} and ${VAR:-default}', () => {
    const text =
      'services:\n  api:\n    environment:\n      A: ${KEY}\n      B: ${NOPE:-dflt}\n      C: $${KEY}\n';
    expect(env(text)).toEqual([
      ['api', 'A', 'dotenv-value', 4, 'map'],
      ['api', 'B', 'dflt', 5, 'map'],
      ['api', 'C', '${KEY}', 6, 'map'],
    ]);
  });

  it('passes values through from the shell, null when unset there', () => {
    expect(
      env('services:\n  api:\n    environment:\n      - FROM_SHELL\n      - MISSING\n'),
    ).toEqual([
      ['api', 'FROM_SHELL', 'shell-value', 4, 'list'],
      ['api', 'MISSING', null, 5, 'list'],
    ]);
    expect(env('services:\n  api:\n    environment:\n      N:\n')).toEqual([
      ['api', 'N', null, 4, 'map'],
    ]);
  });

  it('follows anchors and merge keys', () => {
    const text =
      'x-env: &common\n  A: one\nservices:\n  api:\n    environment:\n      <<: *common\n      B: two\n';
    expect(env(text)).toEqual([
      ['api', 'A', 'one', 2, 'map'],
      ['api', 'B', 'two', 7, 'map'],
    ]);
  });

  it('lists env_file entries in order, with format raw and required', () => {
    const parsed = parseCompose(
      'services:\n  api:\n    env_file:\n      - a.env\n      - path: ./b.env\n        required: false\n        format: raw\n  web:\n    env_file: c.env\n',
      lookup,
    );
    expect(parsed.envFiles).toEqual([
      { service: 'api', path: 'a.env', line: 4, index: 0, required: true, raw: false },
      { service: 'api', path: './b.env', line: 5, index: 1, required: false, raw: true },
      { service: 'web', path: 'c.env', line: 9, index: 0, required: true, raw: false },
    ]);
  });

  it('reports invalid YAML with a line, never throws', () => {
    const parsed = parseCompose('services:\n  api:\n    environment: [\n', lookup);
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]?.line).toBeGreaterThan(0);
  });
});

describe('parseCompose on hostile YAML (aliases, merge keys, duplicate keys)', () => {
  it('a duplicate key is still a DUPLICATE_KEY problem, at its line; the last value counts', () => {
    const parsed = parseCompose(
      'services:\n  api:\n    environment:\n      A: one\n      A: two\n',
      lookup,
    );
    expect(parsed.problems).toContainEqual({ line: 5, message: 'not valid YAML (DUPLICATE_KEY)' });
    expect(parsed.environment.map((e) => e.value)).toEqual(['one', 'two']);
  });

  it('an alias takes the last anchor of its name before it', () => {
    const text =
      'x-a: &v first\nx-b: &v second\nservices:\n  api:\n    environment:\n      A: *v\n';
    expect(env(text)).toEqual([['api', 'A', 'second', 6, 'map']]);
  });

  it('merge keys stop at 50,000 entries, with a problem that says so', () => {
    const lines = ['x-m0: &m0 { A: "1", B: "2" }'];
    for (let l = 1; l <= 9; l++)
      lines.push(
        `x-m${l}: &m${l} { <<: [${Array(10)
          .fill(`*m${l - 1}`)
          .join(', ')}] }`,
      );
    const parsed = parseCompose(
      `${lines.join('\n')}\nservices:\n  api:\n    environment: *m9\n`,
      lookup,
    );
    expect(parsed.problems.map((p) => p.message)).toContain(
      'YAML aliases and merge keys (<<) bring in more than 50000 entries: read up to there',
    );
    expect(parsed.environment.length).toBeLessThanOrEqual(50_000);
  });

  it('a map that merges itself is ignored, not an endless loop', () => {
    const parsed = parseCompose(
      'services:\n  api: &api\n    <<: *api\n    environment:\n      A: v\n',
      lookup,
    );
    expect(parsed.problems).toContainEqual({
      line: 3,
      message: 'a merge key (<<) refers to its own map; ignored',
    });
    expect(parsed.environment.map((e) => e.name)).toEqual(['A']);
  });
});
