import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile-parse.js';

const vars = (text: string) =>
  parseDockerfile(text).vars.map((v) => [v.instruction, v.name, v.value, v.line, v.stage]);

describe('parseDockerfile', () => {
  it.each([
    ['FROM node\nENV A=b', [['ENV', 'A', 'b', 2, 0]]],
    ['FROM node\nENV A b c', [['ENV', 'A', 'b c', 2, 0]]],
    ['FROM node\nENV A "b"', [['ENV', 'A', 'b', 2, 0]]],
    [
      'FROM node\nENV A="x y" B=\'z\'',
      [
        ['ENV', 'A', 'x y', 2, 0],
        ['ENV', 'B', 'z', 2, 0],
      ],
    ],
    [
      'FROM node\nENV A=1 \\\n    B=2',
      [
        ['ENV', 'A', '1', 2, 0],
        ['ENV', 'B', '2', 3, 0],
      ],
    ],
    [
      'FROM node\nARG KEY\nENV KEY=$KEY',
      [
        ['ARG', 'KEY', null, 2, 0],
        ['ENV', 'KEY', null, 3, 0],
      ],
    ],
    [
      'FROM node\nARG KEY=dflt\nENV KEY=${KEY}',
      [
        ['ARG', 'KEY', 'dflt', 2, 0],
        ['ENV', 'KEY', 'dflt', 3, 0],
      ],
    ],
    [
      'ARG V=1\nFROM node\nARG V\nENV X=v$V',
      [
        ['ARG', 'V', '1', 1, -1],
        ['ARG', 'V', '1', 3, 0],
        ['ENV', 'X', 'v1', 4, 0],
      ],
    ],
    [
      'FROM node AS build\nENV A=1\nFROM alpine\nENV A=2',
      [
        ['ENV', 'A', '1', 2, 0],
        ['ENV', 'A', '2', 4, 1],
      ],
    ],
    [
      '# escape=`\nFROM node\nENV A=1 `\n  B=2',
      [
        ['ENV', 'A', '1', 3, 0],
        ['ENV', 'B', '2', 4, 0],
      ],
    ],
    ['FROM node\nRUN <<EOF\nENV A=1\nEOF\nENV B=2', [['ENV', 'B', '2', 5, 0]]],
    ['FROM node\nenv a=1', [['ENV', 'a', '1', 2, 0]]],
    [
      'FROM --platform=$BUILDPLATFORM node AS b\nENV A=1\nFROM b\nENV B=$A',
      [
        ['ENV', 'A', '1', 2, 0],
        ['ENV', 'B', '1', 4, 1],
      ],
    ],
    ['FROM node\r\nENV A=1\r\n', [['ENV', 'A', '1', 2, 0]]],
  ])('%j', (text, expected) => {
    expect(vars(text)).toEqual(expected);
  });

  it('counts stages', () => {
    expect(parseDockerfile('FROM a AS b\nFROM b\n').stages).toBe(2);
    expect(parseDockerfile('FROM a AS b\nFROM c AS d\nFROM B\n').parents).toEqual([-1, -1, 0]);
  });

  it('reports malformed lines with their line, without stopping', () => {
    const parsed = parseDockerfile('FROM node\nENV\nENV A\nENV B="open\nENV C=1');
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(parsed.vars.map((v) => v.name)).toEqual(['C']);
  });
});
