/**
 * Helpers for the env checks' table tests (never built into dist: tsconfig.build.json excludes
 * it). Evidence is written by hand, as the engine would build it.
 */
import { describe, expect, it } from 'vitest';
import type { Framework } from '../../evidence/framework.js';
import { loaderFor } from '../../evidence/dotenv-loader.js';
import { specOf } from '../../findings/catalog/index.js';
import type { FindingId } from '../../findings/ids.js';
import type { Severity } from '../../findings/types.js';
import { withPrefix } from '../../evidence/key-evidence.js';
import { Secret } from '../../secret/secret.js';
import type { Check } from '../types.js';
import type { EnvDeclaration, EnvEvidence, EnvSource } from '../../evidence/env.js';

export const OLD = 'sk-old-111aaaaaaaaaaaaaaaa';
export const NEW = 'sk-new-777bbbbbbbbbbbbbbbb';

export const VITE: Framework = { id: 'vite', label: 'Vite', prefix: 'VITE_', serverCode: false };
export const NEXT: Framework = {
  id: 'next',
  label: 'Next.js',
  prefix: 'NEXT_PUBLIC_',
  serverCode: true,
};

const DEFAULTS: Record<EnvSource['kind'], Partial<EnvSource>> = {
  process: { file: null, line: null, group: 'app', tool: 'apps started here', wins: true },
  dotenv: { file: '.env', line: 1, group: 'app', tool: 'dotenv', rank: 0 },
  shell: { file: '~/.bashrc', line: 3, group: 'shell:~/.bashrc', tool: 'bash' },
  compose: {
    file: 'compose.yaml',
    line: 5,
    group: 'compose:.#api',
    tool: 'compose environment',
    wins: true,
    via: 'environment',
  },
  dockerfile: {
    file: 'Dockerfile',
    line: 8,
    group: 'dockerfile:Dockerfile',
    tool: 'Dockerfile ENV',
    instruction: 'ENV',
    finalStage: true,
    wins: true,
  },
  k8s: {
    file: 'k8s/secret.yaml',
    line: 7,
    group: 'k8s:k8s/secret.yaml#Secret app',
    tool: 'Secret app data',
    wins: true,
  },
  netrc: {
    file: '~/.netrc',
    line: 3,
    group: 'netrc',
    tool: 'requests, httpx, curl -n',
    wins: true,
    note: 'the entry for machine api.openai.com',
  },
};

/** A source of `kind` holding `value`, with the usual place for that kind. */
export function src(
  kind: EnvSource['kind'],
  value: string,
  over: Partial<EnvSource> = {},
): EnvSource {
  return {
    kind,
    file: null,
    line: null,
    group: 'app',
    wins: false,
    ...DEFAULTS[kind],
    ...over,
    value: withPrefix(new Secret(value, `test:${kind}`)),
  };
}

/** The same source, in a file the loader does not read (no rank). */
export function unloaded(s: EnvSource): EnvSource {
  const rest: { -readonly [K in keyof EnvSource]: EnvSource[K] } = { ...s, wins: false };
  delete rest.rank;
  return rest;
}

export function decl(
  kind: EnvDeclaration['kind'],
  over: Partial<EnvDeclaration> = {},
): EnvDeclaration {
  const d = DEFAULTS[kind];
  return {
    kind,
    file: d.file ?? null,
    line: d.line ?? null,
    tool: d.tool ?? kind,
    group: d.group ?? kind,
    ...over,
  };
}

export function ev(over: Partial<EnvEvidence> = {}): EnvEvidence {
  return {
    name: 'OPENAI_API_KEY',
    loader: loaderFor(null, undefined),
    framework: null,
    sources: [],
    declarations: [],
    files: [],
    similar: [],
    baseUrls: [],
    host: 'api.openai.com',
    ...over,
  };
}

export interface EnvCase {
  readonly name: string;
  readonly evidence: EnvEvidence;
  /** Every pattern must match some evidence line of the finding. */
  readonly seen?: readonly (string | RegExp)[];
  /** The severity the finding must have (the catalog's when absent). */
  readonly severity?: Severity;
}

function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 9 <= secret.length; i++)
    if (text.includes(secret.slice(i, i + 9))) return true;
  return false;
}

/** Every `finds` case raises `id` (without 9 chars of any value in it), no `ok` case does. */
export function envTable(
  check: Check<EnvEvidence>,
  id: FindingId,
  table: { readonly finds: readonly EnvCase[]; readonly ok: readonly EnvCase[] },
): void {
  describe(`${check.name} (${id})`, () => {
    it.each(table.finds)('finds: $name', ({ evidence, seen, severity }) => {
      const found = check.run(evidence).filter((f) => f.id === id);
      expect(found.length).toBeGreaterThan(0);
      const lines = found.flatMap((f) => f.evidence);
      for (const w of seen ?? [])
        expect(
          lines.some((l) => (typeof w === 'string' ? l.includes(w) : w.test(l))),
          `${String(w)} in ${JSON.stringify(lines)}`,
        ).toBe(true);
      if (severity !== undefined) expect(found[0]?.severity ?? specOf(id).severity).toBe(severity);
      const values = evidence.sources.map((s) => s.value.reveal());
      for (const line of lines) for (const v of values) expect(leaks(line, v), line).toBe(false);
    });
    it.each(table.ok)('ok: $name', ({ evidence }) => {
      expect(check.run(evidence).map((f) => f.id)).not.toContain(id);
    });
  });
}
