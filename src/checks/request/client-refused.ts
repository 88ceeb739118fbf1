import { describeChar, findChars, isInvisible, isLineBreak } from '../../secret/chars.js';
import { defineCheck, finding } from '../types.js';
import { errorOf, type RequestEvidence } from './evidence.js';

/** Node (like fetch, Go, requests) refuses to send a header value with a line break or a code point above 255. */
export const clientRefused = defineCheck<RequestEvidence>(
  'client-refused',
  ({ final, credential }) => {
    const error = errorOf(final);
    if (error?.kind !== 'client-refused') return [];
    const said = `the HTTP client refused to send the request: ${error.code}`;
    const value = credential?.secret.reveal() ?? '';
    const breaks = findChars(value, isLineBreak);
    if (breaks.length > 0)
      return [finding('key.newline', 'confirmed', [said, ...breaks.map(describeChar)])];
    const wide = findChars(value, (cp) => cp > 0xff);
    if (wide.length > 0)
      return [finding('key.non-ascii', 'confirmed', [said, ...wide.map(describeChar)])];
    const hidden = findChars(value, isInvisible);
    if (hidden.length > 0)
      return [finding('key.invisible', 'confirmed', [said, ...hidden.map(describeChar)])];
    return [
      finding(
        'header.wrong-name',
        'definitive',
        `${said} (a header name or value it cannot encode)`,
      ),
    ];
  },
);
