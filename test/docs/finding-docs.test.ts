import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_DOCS_BASE, findingDocsUrl } from '../../src/findings/docs.js';
import { FINDING_IDS } from '../../src/findings/ids.js';
import { findingJson } from '../../src/findings/finding-json.js';
import { ROOT, json, why401 } from '../cli/helpers.js';

const DOCS = join(ROOT, 'docs', 'findings');

describe('docs/findings: generated from the catalog', () => {
  it('the committed pages are what scripts/gen-finding-docs.mjs writes now', () => {
    const out = mkdtempSync(join(tmpdir(), 'why401-finding-docs-'));
    try {
      const run = spawnSync(
        process.execPath,
        [join(ROOT, 'scripts', 'gen-finding-docs.mjs'), out],
        {
          encoding: 'utf8',
        },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const fresh = readdirSync(out).sort();
      expect(readdirSync(DOCS).sort(), 'run: npm run docs:findings').toEqual(fresh);
      for (const name of fresh)
        expect(
          readFileSync(join(DOCS, name), 'utf8'),
          `${name} is stale: npm run docs:findings`,
        ).toBe(readFileSync(join(out, name), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('every id has a page, and the docs URL of JSON findings points at it', () => {
    for (const id of FINDING_IDS) {
      const url = findingDocsUrl(id);
      expect(url.startsWith(FINDING_DOCS_BASE)).toBe(true);
      const file = join(DOCS, decodeURIComponent(url.slice(FINDING_DOCS_BASE.length)));
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8').startsWith(`# ${id}\n`)).toBe(true);
      const f = findingJson({
        id,
        severity: 'error',
        confidence: 'heuristic',
        title: '',
        evidence: [],
        fix: '',
        data: {},
      });
      expect(f.docs).toBe(url);
    }
    expect(FINDING_DOCS_BASE).toBe('https://github.com/why401/why401/blob/main/docs/findings/');
  });

  it('why401 explain <id> ends with the page link; --json carries it as docs', () => {
    const run = why401(['explain', 'key.newline']);
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`Docs: ${findingDocsUrl('key.newline')}`);
    expect(json(why401(['explain', 'env.stale', '--json']))['docs']).toBe(
      findingDocsUrl('env.stale'),
    );
  });
});
