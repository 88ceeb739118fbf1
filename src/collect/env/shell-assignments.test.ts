import { describe, expect, it } from 'vitest';
import { shellAssignments } from './shell-assignments.js';

const posix = (text: string) =>
  shellAssignments(text, 'posix').assignments.map((a) => [a.name, a.value, a.line, a.exported]);
const fish = (text: string) =>
  shellAssignments(text, 'fish').assignments.map((a) => [a.name, a.value, a.line, a.exported]);

describe('shellAssignments (posix)', () => {
  it.each([
    ['export A=1', [['A', '1', 1, true]]],
    ['export A="two words"', [['A', 'two words', 1, true]]],
    ["export A='it''s'", [['A', 'its', 1, true]]],
    [
      'export A=1 B=2',
      [
        ['A', '1', 1, true],
        ['B', '2', 1, true],
      ],
    ],
    ['A=1', [['A', '1', 1, false]]],
    ['A=1 some-command', []],
    ['declare -x A=1', [['A', '1', 1, true]]],
    ['declare A=1', []],
    ['export -n A', []],
    ['export A', []],
    ['export A=$(cat ~/.key)', [['A', null, 1, true]]],
    ['export A="$OTHER"', [['A', null, 1, true]]],
    ["export A='$literal'", [['A', '$literal', 1, true]]],
    ['export A=`cat f`', [['A', null, 1, true]]],
    ['export A=\\"x\\"', [['A', '"x"', 1, true]]],
    ['# export A=1', []],
    ['if true; then export A=1; fi', [['A', '1', 1, true]]],
    ['echo hi\n\nexport A=1 # note', [['A', '1', 3, true]]],
    ['export A=x\r\n', [['A', 'x\r', 1, true]]],
    ['export A="x"\r\n', [['A', 'x\r', 1, true]]],
    [
      'A=(1 2)\nexport B=3',
      [
        ['A', null, 1, false],
        ['B', '3', 2, true],
      ],
    ],
    [
      'export A="multi\nline"\nexport B=2',
      [
        ['A', 'multi\nline', 1, true],
        ['B', '2', 3, true],
      ],
    ],
    ['export A=one\\\ntwo', [['A', 'onetwo', 1, true]]],
    ['mesg n 2> /dev/null || true\nexport A=1', [['A', '1', 2, true]]],
    ['cat <<EOF >out\nexport A=1 >&2', [['A', '1', 2, true]]],
  ])('%j', (text, expected) => {
    expect(posix(text)).toEqual(expected);
  });

  it('reports a quote never closed', () => {
    expect(shellAssignments('export A="open\nexport B=1\n', 'posix').unterminated).toBe(1);
  });
});

describe('shellAssignments (fish)', () => {
  it.each([
    ['set -x A v', [['A', 'v', 1, true]]],
    ['set -gx A "v w"', [['A', 'v w', 1, true]]],
    ['set -Ux A v', [['A', 'v', 1, true]]],
    ['set --export A v', [['A', 'v', 1, true]]],
    ['set -g A v', []],
    ['set -e A', []],
    ['set -x A (cat ~/.key)', [['A', null, 1, true]]],
    ['set -x A $B', [['A', null, 1, true]]],
    ["set -x A 'it\\'s'", [['A', "it's", 1, true]]],
  ])('%j', (text, expected) => {
    expect(fish(text)).toEqual(expected);
  });
});
