import { describeChar, findChars, isInvisible, isLineBreak } from '../../secret/chars.js';
import { defineCheck, finding } from '../types.js';
import { errorOf, type RequestEvidence } from '../../evidence/request.js';

/** Curly quotes editors and chat apps put around a pasted key (above U+00FF: clients refuse them). */
const TYPOGRAPHIC_QUOTES = new Set([0x2018, 0x2019, 0x201c, 0x201d]);

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
    // Typographic quotes around the key (“…”) are key.quoted, whichever check sees them first.
    const first = value.length - value.trimStart().length;
    const last = value.trimEnd().length - 1;
    const wideAll = findChars(value, (cp) => cp > 0xff);
    const atEdge = (c: { index: number }) => c.index === first || c.index === last;
    const quotes = wideAll.filter((c) => atEdge(c) && TYPOGRAPHIC_QUOTES.has(c.cp));
    // A zero-width space or a BOM is above 255 too, but hidden: key.invisible's, not non-ASCII.
    const wide = wideAll.filter((c) => !quotes.includes(c) && !isInvisible(c.cp));
    const hidden = findChars(value, isInvisible);
    const out = [];
    if (quotes.length > 0)
      out.push(finding('key.quoted', 'confirmed', [said, ...quotes.map(describeChar)]));
    if (wide.length > 0)
      out.push(finding('key.non-ascii', 'confirmed', [said, ...wide.map(describeChar)]));
    if (hidden.length > 0)
      out.push(finding('key.invisible', 'confirmed', [said, ...hidden.map(describeChar)]));
    if (out.length > 0) return out;
    return [
      finding(
        'header.wrong-name',
        'definitive',
        `${said} (a header name or value it cannot encode)`,
      ),
    ];
  },
);
