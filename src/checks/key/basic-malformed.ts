import { decodeBasic } from '../../parse/basic.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

export const keyBasicMalformed = defineCheck<KeyEvidence>(
  'key-basic-malformed',
  ({ secret, scheme }) => {
    const raw = secret.reveal().trim();
    const inline = /^basic\s+(.*)$/is.exec(raw);
    const token = inline ? inline[1] : scheme?.toLowerCase() === 'basic' ? raw : undefined;
    if (token === undefined) return [];
    const decoded = decodeBasic(token);
    if (!decoded.ok)
      return [
        finding('key.basic-malformed', 'definitive', `the Basic credential: ${decoded.problem}`),
      ];
    if (decoded.trailingNewline) {
      return [
        finding(
          'key.basic-malformed',
          'definitive',
          'the Basic credential decodes to user:secret followed by a newline (built with `echo` without -n)',
        ),
      ];
    }
    return [];
  },
);
