import { describe, expect, it } from 'vitest';
import type { Definition } from '../../collect/env/index.js';
import { decideWins } from './wins.js';

const def = (over: Partial<Definition>): Definition => ({
  kind: 'dotenv',
  name: 'K',
  value: 'v',
  file: '.env',
  line: 1,
  tool: 'dotenv',
  group: 'app',
  priority: 100,
  canWin: true,
  ...over,
});

describe('decideWins', () => {
  it('the environment beats .env (dotenv never overrides)', () => {
    expect(decideWins([def({ kind: 'process', file: null, priority: 1000 }), def({})])).toEqual([
      true,
      false,
    ]);
  });

  it('the first file of the load order wins, its last line on ties', () => {
    expect(
      decideWins([
        def({ file: '.env', priority: 97 }),
        def({ file: '.env.local', priority: 99, line: 1 }),
        def({ file: '.env.local', priority: 99, line: 4 }),
      ]),
    ).toEqual([false, false, true]);
  });

  it('a file the loader does not read never wins', () => {
    expect(decideWins([def({ file: '.env.local', canWin: false, priority: 0 })])).toEqual([false]);
  });

  it('compose environment beats env_file, per service', () => {
    expect(
      decideWins([
        def({ kind: 'compose', group: 'c#api', priority: 1000 }),
        def({ kind: 'compose', group: 'c#api', priority: 0 }),
        def({ kind: 'compose', group: 'c#web', priority: 0 }),
      ]),
    ).toEqual([true, false, true]);
  });

  it('an image ENV loses to compose', () => {
    const image = def({ kind: 'dockerfile', group: 'd', priority: 0 });
    expect(decideWins([image])).toEqual([true]);
    expect(decideWins([image, def({ kind: 'compose', group: 'c#api' })])).toEqual([false, true]);
  });

  it('an unknown value can still win its group, hiding the others', () => {
    expect(
      decideWins([
        def({ kind: 'dockerfile', group: 'd', priority: 0, line: 2 }),
        def({ kind: 'dockerfile', group: 'd', priority: 0, line: 5, value: null }),
      ]),
    ).toEqual([false, true]);
  });
});
