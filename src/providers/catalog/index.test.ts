import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../types.js';
import { PROVIDERS } from './index.js';

const HERE = new URL('.', import.meta.url);
const NOT_PROVIDERS = new Set(['index.ts', 'shared.ts']);
const providerFiles = readdirSync(HERE)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_PROVIDERS.has(f))
  .sort();

/** The catalog as JSON, key order kept, a pattern as its source and flags. */
const catalogJson = (): string =>
  JSON.stringify(PROVIDERS, (_, v: unknown) => (v instanceof RegExp ? [v.source, v.flags] : v));

describe('the provider catalog, one file per provider', () => {
  it('lists every provider file once, in catalog/index.ts, each file named after its id', async () => {
    expect(PROVIDERS.map((p) => `${p.id}.ts`).sort()).toEqual(providerFiles);
    for (const file of providerFiles) {
      const exports = Object.values(
        (await import(new URL(file, HERE).href)) as Record<string, Provider>,
      );
      expect(exports.map((p) => p.id)).toEqual([file.replace(/\.ts$/, '')]);
      expect(PROVIDERS).toContain(exports[0]);
    }
  });

  it('shares no object between two places (the build turns it into one JSON string)', () => {
    const seen = new Set<object>();
    const walk = (value: unknown, where: string): void => {
      if (typeof value !== 'object' || value === null || value instanceof RegExp) return;
      expect(seen.has(value), `${where} is an object used twice`).toBe(false);
      seen.add(value);
      for (const [key, inner] of Object.entries(value)) walk(inner, `${where}.${key}`);
    };
    for (const p of PROVIDERS) walk(p, p.id);
    const revived = JSON.parse(catalogJson()) as { keyShapes: { pattern: unknown }[] }[];
    for (const p of revived)
      for (const s of p.keyShapes) s.pattern = new RegExp(...(s.pattern as [string, string]));
    expect(isDeepStrictEqual(revived, PROVIDERS)).toBe(true);
  });

  it('holds the data it held as one file (a deliberate data change updates this: vitest -u)', () => {
    // Split from src/providers/catalog.ts (4,099 lines) with the shared building blocks: the same
    // providers, in the same order, with the same keys in the same order, byte for byte.
    expect(createHash('sha256').update(catalogJson()).digest('hex')).toMatchInlineSnapshot(
      `"7bd5f85d8dea0d37276af6944b617965d0d811f6ad4660ef111eff18362b9386"`,
    );
  });
});
