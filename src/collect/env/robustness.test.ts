import { describe, expect, it } from 'vitest';
import { parseCompose } from './compose-parse.js';
import { parseDockerfile } from './dockerfile-parse.js';
import { scanDotenv } from './dotenv-scan.js';
import { interpolate } from './interpolate.js';
import { parseK8s } from './k8s-parse.js';
import { parseNetrc } from './netrc.js';
import { shellAssignments } from './shell-assignments.js';

const ALPHABET = [
  'a',
  'B',
  '_',
  '=',
  ' ',
  '\t',
  '\n',
  '\r',
  '"',
  "'",
  '`',
  '\\',
  '$',
  '{',
  '}',
  '(',
  ')',
  '<',
  '>',
  '|',
  '&',
  ';',
  '#',
  ':',
  '-',
  '*',
  '[',
  ']',
  'export ',
  'set -x ',
  'ENV ',
  'FROM x\n',
  'machine ',
  'kind: Secret\n',
];

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function* randomTexts(count: number): Generator<string> {
  let seed = 401;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = Math.floor(next() * 60);
    for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '';
    yield text;
  }
}

describe('every parser ends, and never throws, on arbitrary text', () => {
  it('600 random inputs', () => {
    const started = Date.now();
    for (const text of randomTexts(600)) {
      expect(() => {
        shellAssignments(text, 'posix');
        shellAssignments(text, 'fish');
        parseDockerfile(text);
        scanDotenv(text);
        parseCompose(text, () => undefined);
        parseK8s(text);
        parseNetrc(text, 'n');
        interpolate(text, () => 'v');
      }, JSON.stringify(text)).not.toThrow();
    }
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
