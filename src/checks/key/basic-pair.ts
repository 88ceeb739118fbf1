import type { RawFinding } from '../../findings/types.js';
import { defineCheck } from '../types.js';
import type { Check } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { keyMissing } from './missing.js';
import { keyNewline } from './newline.js';
import { keyWhitespace } from './whitespace.js';
import { keyInvisible } from './invisible.js';
import { keyNonAscii } from './non-ascii.js';
import { keyQuoted } from './quoted.js';
import { keyUnexpanded } from './unexpanded.js';
import { keyPlaceholder } from './placeholder.js';
import { keyMasked } from './masked.js';

/** The checks of a value's own characters and words, run on each half of a Basic pair. */
const PER_HALF: readonly Check<KeyEvidence>[] = [
  keyNewline,
  keyWhitespace,
  keyInvisible,
  keyNonAscii,
  keyQuoted,
  keyUnexpanded,
  keyPlaceholder,
  keyMasked,
];

/**
 * `Authorization: Basic …` decoded: each half linted on its own (`dev@acme.dev :token`, a quoted
 * password, a placeholder user), the evidence naming the half. An empty half is how `-u ":KEY"`
 * and `-u "KEY:"` are meant; only the key's half being empty is key.missing.
 */
export const keyBasicPair = defineCheck<KeyEvidence>('key-basic-pair', ({ basic }) => {
  if (!basic) return [];
  const out: RawFinding[] = [];
  for (const { half, evidence } of basic.halves) {
    const isKey = half === basic.key;
    if (!isKey && evidence.secret.reveal() === '') continue;
    // A user name that is a plain word (`test`, `admin`, `api`) is a user name, not a
    // placeholder: only a placeholder's form (`<YOUR_EMAIL>`, `your-username`) is one there.
    const plainWord = !isKey && /^[A-Za-z]+$/.test(evidence.core);
    const checks = isKey
      ? [keyMissing, ...PER_HALF]
      : PER_HALF.filter((c) => !(plainWord && c === keyPlaceholder));
    for (const check of checks) {
      let found: readonly RawFinding[] = [];
      try {
        found = check.run(evidence);
      } catch {
        continue; // as runChecks: a broken check is skipped
      }
      for (const f of found) {
        const name = `the Basic pair's ${half}${isKey ? ' (the key)' : ''}`;
        out.push({
          ...f,
          evidence: f.evidence.map((line) => `${name}: ${line}`),
          data: { ...(f.data ?? {}), half },
        });
      }
    }
  }
  return out;
});

/**
 * A check of the whole value's words (a placeholder, a masked copy, `$VAR`): for a Basic pair
 * the halves are checked instead, by keyBasicPair, so the evidence names the half.
 */
export function onWholeValue(check: Check<KeyEvidence>): Check<KeyEvidence> {
  return defineCheck(check.name, (evidence) => (evidence.basic ? [] : check.run(evidence)));
}
