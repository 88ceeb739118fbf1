/**
 * Helpers for the key checks' table tests (never built into dist: tsconfig.build.json excludes
 * it). Evidence is built exactly as the CLI builds it, through `buildKeyEvidence`.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildKeyEvidence, type KeyContext } from '../../evidence/key-evidence.js';
import type { FindingId } from '../../findings/ids.js';
import type { RawFinding } from '../../findings/types.js';
import { Secret } from '../../secret/secret.js';
import { provider } from '../../../test/support/key-samples.js';
import type { Check } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

export { ALNUM, DIGITS, HEX, fill, sampleKey } from '../../../test/support/key-samples.js';

export function evidence(value: string, ctx: KeyContext = {}): KeyEvidence {
  return buildKeyEvidence(new Secret(value, 'test'), ctx);
}

export function ids(findings: readonly RawFinding[]): FindingId[] {
  return findings.map((f) => f.id);
}

/** The context of a key meant for `providerId` (`--provider`, or the request's host). */
export function forProvider(providerId: string, by: 'flag' | 'host' = 'flag'): KeyContext {
  return { expected: { provider: provider(providerId), by } };
}

export interface Case {
  readonly name: string;
  readonly value: string;
  readonly ctx?: KeyContext;
  /** Every pattern must match some line of the finding's evidence. */
  readonly evidence?: readonly (string | RegExp)[];
  /** The value is no secret (`undefined`): its evidence may quote it. */
  readonly quotable?: boolean;
  /** The secret part of the value (without `Authorization: `), when not the whole value. */
  readonly secret?: string;
}

/** True when `text` holds 9 or more consecutive characters of `secret`. */
export function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 9 <= secret.length; i++)
    if (text.includes(secret.slice(i, i + 9))) return true;
  return false;
}

/**
 * A check's table: every `finds` case raises `id` (with the evidence asked for, and without
 * 9 consecutive characters of the value in it), no `ok` case does.
 */
export function checkTable(
  check: Check<KeyEvidence>,
  id: FindingId,
  table: { readonly finds: readonly Case[]; readonly ok: readonly Case[] },
): void {
  describe(`${check.name} (${id})`, () => {
    it.each(table.finds)('finds: $name', ({ value, ctx, evidence: wanted, quotable, secret }) => {
      const found = check.run(evidence(value, ctx));
      expect(ids(found)).toContain(id);
      const lines = found.filter((f) => f.id === id).flatMap((f) => f.evidence);
      for (const w of wanted ?? []) {
        expect(
          lines.some((l) => (typeof w === 'string' ? l.includes(w) : w.test(l))),
          `${String(w)} in ${JSON.stringify(lines)}`,
        ).toBe(true);
      }
      if (!quotable)
        for (const line of lines) expect(leaks(line, secret ?? value), line).toBe(false);
    });
    it.each(table.ok)('ok: $name', ({ value, ctx }) => {
      expect(ids(check.run(evidence(value, ctx)))).not.toContain(id);
    });
  });
}

/** A fixed server clock for time-bound tokens. */
export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const NOW_S = NOW / 1000;

const b64u = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

/** A JWT built at run time: base64url JSON header and claims, and a random fake signature. */
export function jwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
): string {
  return `${b64u(header)}.${b64u(claims)}.${randomBytes(32).toString('base64url')}`;
}
