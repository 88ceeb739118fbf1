import type { Check } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { keyMissing } from './missing.js';
import { keyWhitespace } from './whitespace.js';
import { keyNewline } from './newline.js';
import { keyInvisible } from './invisible.js';
import { keyNonAscii } from './non-ascii.js';
import { keyQuoted } from './quoted.js';
import { keyPlaceholder } from './placeholder.js';
import { keyUnexpanded } from './unexpanded.js';
import { keyMasked } from './masked.js';
import { keySchemeIncluded } from './scheme-included.js';
import { keyTruncated } from './truncated.js';
import { keyWrongProvider } from './wrong-provider.js';
import { keyWrongType } from './wrong-type.js';
import { keyIdToken } from './id-token.js';
import { keyWrongEnvironment } from './wrong-environment.js';
import { keyExpired } from './expired.js';
import { keyNotYetValid } from './not-yet-valid.js';
import { keyExpiringSoon } from './expiring-soon.js';
import { keyBasicMalformed } from './basic-malformed.js';
import { keyBasicPair, onWholeValue } from './basic-pair.js';
import { keyMalformed } from './malformed.js';

/** Every offline check of the credential string, in report order. */
export const KEY_CHECKS: readonly Check<KeyEvidence>[] = [
  onWholeValue(keyMissing),
  keyNewline,
  keyWhitespace,
  keyInvisible,
  keyNonAscii,
  keyQuoted,
  keySchemeIncluded,
  onWholeValue(keyUnexpanded),
  onWholeValue(keyPlaceholder),
  onWholeValue(keyMasked),
  keyBasicPair,
  keyTruncated,
  keyMalformed,
  keyWrongProvider,
  keyWrongType,
  keyIdToken,
  keyWrongEnvironment,
  keyExpired,
  keyNotYetValid,
  keyExpiringSoon,
  keyBasicMalformed,
];

/** Findings about the characters of the value: a cleaned copy of the key would not have them. */
export const HYGIENE_IDS: ReadonlySet<string> = new Set([
  'key.whitespace',
  'key.newline',
  'key.invisible',
  'key.quoted',
  'key.scheme-included',
  'key.non-ascii',
]);
