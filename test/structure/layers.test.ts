/**
 * The layer rule (issue 15, docs/ARCHITECTURE.md "Layers") is ESLint's no-restricted-imports,
 * per folder, in eslint.config.js, so `npm test` (which lints) fails on a wrong arrow. This test
 * proves the rule fires: snippets linted as if they were files of src/ (ESLint's Node API, the
 * project's own config; nothing is written), and every folder of src/ has its place in the rule.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

/** What the rule is made of (plain JS: eslint.config.js exports them beside the config). */
const { LAYERS, TOP } = (await import(pathToFileURL(join(ROOT, 'eslint.config.js')).href)) as {
  readonly LAYERS: Readonly<Record<string, { may: string[]; tests?: string[] }>>;
  readonly TOP: readonly string[];
};

const eslint = new ESLint({ cwd: ROOT });

/** The layer errors ESLint gives `code` as the file `path` (relative to the root). */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('the layer rule fires on a wrong arrow', () => {
  it.each([
    // A check never reaches up to the engine, nor to a collector's I/O.
    ['src/checks/request/x.ts', "import { followChain } from '../../engine/chain.js';"],
    [
      'src/checks/request/status/x.ts',
      "import type { Transport } from '../../../engine/chain.js';",
    ],
    ['src/checks/env/x.ts', "import { collectEnv } from '../../collect/env/index.js';"],
    ['src/checks/key/x.ts', "export { writeOut } from '../../cli/io.js';"],
    ['src/checks/key/x.test.ts', "import { lintKey } from '../../engine/lint-key.js';"],
    // The evidence is below the checks, and no I/O.
    ['src/evidence/x.ts', "import { KEY_CHECKS } from '../checks/key/index.js';"],
    ['src/evidence/x.ts', "import { send } from '../collect/http.js';"],
    // Leaves stay leaves.
    ['src/parse/x.ts', "import { PROVIDERS } from '../providers/catalog/index.js';"],
    ['src/secret/x.ts', "import { VERSION } from '../version.js';"],
    [
      'src/findings/catalog/x.ts',
      "import type { Spot } from '../../evidence/credential-place.js';",
    ],
    ['src/providers/x.ts', "import { matchesShape } from '../checks/key/malformed.js';"],
    // Collectors do not judge; the engine does not render; nothing below the CLI imports it.
    ['src/collect/x.ts', "import { conclude } from '../engine/conclude.js';"],
    ['src/engine/x.ts', "import { renderHuman } from '../report/human-diagnosis.js';"],
    ['src/report/x.ts', "import { main } from '../cli/main.js';"],
    ['src/lib/x.ts', "import { capture } from '../capture/proxy.js';"],
    ['src/capture/relay/x.ts', "import type { Style } from '../../cli/io.js';"],
  ])('%s: %s', async (path, code) => {
    const errors = await layerErrors(path, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('layer rule');
  });
});

describe('and lets the right arrows through', () => {
  it.each([
    ['src/checks/request/x.ts', "import type { AnswerFacts } from '../../evidence/answer.js';"],
    [
      'src/checks/request/x.ts',
      "import { describeSpot } from '../../evidence/credential-place.js';",
    ],
    ['src/checks/request/x.ts', "import { runChecks } from '../types.js';"],
    ['src/checks/env/x.ts', "import { PUBLIC_PREFIXES } from '../../evidence/framework.js';"],
    ['src/checks/key/x.ts', "import { PROVIDERS } from '../../providers/catalog/index.js';"],
    ['src/checks/key/x.test.ts', "import { fill } from '../../../test/support/key-samples.js';"],
    ['src/parse/x.test.ts', "import { PROVIDERS } from '../providers/catalog/index.js';"],
    ['src/collect/x.ts', "import type { WireRequest } from '../evidence/wire.js';"],
    ['src/engine/x.ts', "import { KEY_CHECKS } from '../checks/key/index.js';"],
    ['src/capture/call/x.ts', "import { conclude } from '../../engine/conclude.js';"],
    ['src/cli/x.ts', "import { startCapture } from '../capture/proxy.js';"],
  ])('%s: %s', async (path, code) => {
    expect(await layerErrors(path, code)).toEqual([]);
  });
});

describe('every part of src/ has its place in the rule', () => {
  it('each folder and top-level module of src/ is named in TOP', () => {
    const names = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).map((e) =>
      e.isDirectory() ? e.name : e.name.replace(/\.ts$/, ''),
    );
    expect(names.filter((n) => !TOP.includes(n))).toEqual([]);
  });

  it('each folder but cli has its list of what it may import, all of them names in TOP', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => f !== 'cli' && !(f in LAYERS))).toEqual([]);
    for (const { may, tests = [] } of Object.values(LAYERS))
      expect([...may, ...tests].filter((m) => !TOP.includes(m))).toEqual([]);
  });

  it('the layers point one way: no folder may import one that may import it back', () => {
    const reach = (from: string, seen = new Set<string>()): Set<string> => {
      for (const to of LAYERS[from]?.may ?? [])
        if (!seen.has(to)) {
          seen.add(to);
          reach(to, seen);
        }
      return seen;
    };
    expect(Object.keys(LAYERS).filter((folder) => reach(folder).has(folder))).toEqual([]);
  });
});
