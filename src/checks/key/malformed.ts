import { charName } from '../../secret/chars.js';
import { shownPrefix } from '../../secret/secret.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { isStandIn } from './stand-in.js';

/**
 * A key that starts with a provider's distinctive prefix (`sk-proj-`, `ghp_`, `AKIA`) and fits
 * none of that prefix's shapes, without being shorter than every real key (key.truncated): too
 * long, a character those keys never have, or a marker or separator missing.
 */
export const keyMalformed = defineCheck<KeyEvidence>('key-malformed', ({ core, family }) => {
  if (!family || family.fits || family.problem === undefined || family.problem === 'short')
    return [];
  if (isStandIn(core)) return [];
  const whose = `${family.providers.join(' or ')}'s prefix "${shownPrefix(family.prefix)}"`;
  const start = `it starts with ${whose} but`;
  let line: string;
  switch (family.problem) {
    case 'long':
      line = `${start} is ${core.length} chars; real keys are ${family.lengths}: longer than any (two keys pasted together, or text stuck to it)`;
      break;
    case 'alphabet': {
      const at = family.index ?? 0;
      const cp = core.codePointAt(at) ?? 0;
      // one character is no secret, but a letter or digit is only named by its kind
      const ch = String.fromCodePoint(cp);
      const what = /[0-9]/.test(ch)
        ? 'a digit'
        : /[A-Za-z]/.test(ch)
          ? 'a letter'
          : /[!-~]/.test(ch)
            ? `"${ch}"`
            : charName(cp);
      line = `${start} has ${what} at ${at}, a character those keys never contain`;
      break;
    }
    case 'structure':
      line = `${start} fits none of their shapes (${core.length} chars; real keys are ${family.lengths}, with the separators and markers their shapes have)`;
      break;
  }
  return [
    finding('key.malformed', 'definitive', line, {
      provider: family.providers[0] ?? null,
      prefix: family.prefix,
      length: core.length,
      min: family.min,
      max: Number.isFinite(family.max) ? family.max : null,
      problem: family.problem,
    }),
  ];
});
