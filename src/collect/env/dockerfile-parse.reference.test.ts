import { DockerfileParser, type Arg, type Env } from 'dockerfile-ast';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile-parse.js';

/**
 * dockerfile-parse.ts is hand-written: dockerfile-ast (the parser of VS Code's Dockerfile
 * support) leaves `${A}` unexpanded and knows no stages. On what it does read right, plain ENV
 * and ARG lines without `$`, it is the reference: both give the same names, values and lines.
 */
function reference(text: string): [string, string, string | null, number][] {
  const out: [string, string, string | null, number][] = [];
  for (const i of DockerfileParser.parse(text).getInstructions()) {
    const keyword = i.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    for (const p of (i as Env | Arg).getProperties())
      out.push([keyword, p.getName(), p.getValue(), p.getNameRange().start.line + 1]);
  }
  return out;
}

function ours(text: string): [string, string, string | null, number][] {
  return parseDockerfile(text).vars.map((v) => [v.instruction, v.name, v.value, v.line]);
}

const name = fc
  .tuple(
    fc.constantFrom('A', 'KEY', 'api_key', '_X', 'OPENAI_API_KEY', 'b'),
    fc.constantFrom('', '1', '_2', '.x', '-y', 'Z'),
  )
  .map(([a, b]) => a + b);
const plain = fc
  .array(fc.constantFrom('a', 'Z', '0', '-', '_', '.', '/', ':', '@', '+', ',', '%', '~', '!'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((c) => c.join(''));
const inDouble = fc
  .array(fc.constantFrom('a', 'b', ' ', '\t', "'", '-', '='), { minLength: 1, maxLength: 10 })
  .map((c) => `"${c.join('')}"`);
const inSingle = fc
  .array(fc.constantFrom('a', 'b', ' ', '"', '-', '='), { minLength: 1, maxLength: 10 })
  .map((c) => `'${c.join('')}'`);
/**
 * A value: a plain word or one quoted string. Where dockerfile-ast is wrong and Docker and the
 * hand-written reader agree, it is left out: backslash escapes (`A=\\ ''` is one space, it keeps
 * the quotes), quoted runs within a word (`A='a'a` is `aa`, it keeps `'a'a`), empty quotes, `$`
 * (it does not expand).
 */
const word = fc.oneof(plain, inDouble, inSingle);
const pairs = fc
  .array(fc.tuple(name, word), { minLength: 1, maxLength: 3 })
  .map((ps) => ps.map(([n, v]) => `${n}=${v}`));
const sep = fc.constantFrom(' ', '  ', '\t', ' \\\n  ', ' \\\n');

const instruction = fc.oneof(
  fc
    .tuple(fc.constantFrom('ENV', 'env', 'ARG'), pairs, sep)
    .map(([kw, ps, s]) => `${kw} ${ps.join(s)}`),
  // legacy ENV NAME value…: the rest of the line is the value
  fc
    .tuple(name, fc.array(plain, { minLength: 1, maxLength: 3 }))
    .map(([n, ws]) => `ENV ${n} ${ws.join(' ')}`),
  name.map((n) => `ARG ${n}`),
  fc.constantFrom('# a comment', '', 'RUN echo hi', 'WORKDIR /app'),
);

const dockerfile = fc
  .array(instruction, { minLength: 1, maxLength: 8 })
  .map((lines) => ['FROM node:20', ...lines].join('\n'));

describe('parseDockerfile agrees with dockerfile-ast on plain ENV and ARG lines', () => {
  it.each([
    'FROM node\nENV A=b C="d e" D=\'x y\'',
    'FROM node\nENV L b c',
    'FROM node\nARG X\nARG Y=2',
    'FROM node\nENV Z=a\\ b',
    'FROM node\nENV A=1 \\\n  B=2',
  ])('%j', (text) => {
    expect(ours(text)).toEqual(reference(text));
  });

  it('on generated Dockerfiles', () => {
    fc.assert(
      fc.property(dockerfile, (text) => {
        expect(ours(text), text).toEqual(reference(text));
      }),
      { numRuns: 1000 },
    );
  });

  // Where they differ, Docker's own answer (moby's shell lexer), which the hand-written side gives
  it.each([
    ["ENV A=\\ ''", ' '],
    ["ENV A='a'a", 'aa'],
    ['ENV A="a""b"', 'ab'],
    ['ENV A=""\'\'', ''],
    ['ENV A \\ b', ' b'],
  ])('%s: %j, as docker build sets it', (line, value) => {
    expect(parseDockerfile(`FROM node\n${line}`).vars.map((v) => v.value)).toEqual([value]);
  });
});
