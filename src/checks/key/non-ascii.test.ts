import { keyNonAscii } from './non-ascii.js';
import { checkTable, fill, ALNUM, sampleKey } from './test-helpers.js';

const key = sampleKey('openai');
const gemini = fill(ALNUM, 39, 'gemini-ch-01') + fill(ALNUM, 10, 'gemini-ch-01b');
const at = (v: string, i: number, ch: string) => v.slice(0, i) + ch + v.slice(i + 1);

checkTable(keyNonAscii, 'key.non-ascii', {
  finds: [
    {
      name: 'ch-01: code point 8721 at index 39 (fetch ByteString error)',
      value: at(gemini, 39, '\u2211'),
      evidence: ['U+2211 at 39', 'Cannot convert argument to a ByteString'],
    },
    {
      name: 'a Cyrillic a in place of a Latin a',
      value: at(key, 9, '\u0430'),
      evidence: ['U+0430 at 9'],
    },
    {
      name: 'an en dash for a hyphen',
      value: `sk\u2013${key.slice(3)}`,
      evidence: ['EN DASH (U+2013) at 2'],
    },
    { name: 'an em dash', value: at(key, 2, '\u2014'), evidence: ['EM DASH (U+2014) at 2'] },
    {
      name: 'a Latin-1 letter (sent as one byte)',
      value: at(key, 12, '\u00e9'),
      evidence: ['U+00E9 at 12', 'Latin-1'],
    },
    { name: 'a fullwidth letter', value: at(key, 12, '\uff41') },
    { name: 'a replacement char from invalid UTF-8', value: at(key, 3, '\ufffd') },
    { name: 'an emoji (index in UTF-16 units)', value: `\u{1f511}${key}`, evidence: ['at 0'] },
    { name: 'a typographic quote in the middle', value: at(key, 10, '\u2019') },
    { name: 'a Greek omicron', value: at(key, 20, '\u03bf'), evidence: ['U+03BF at 20'] },
  ],
  ok: [
    { name: 'a clean key', value: key },
    { name: 'typographic double quotes at the edges (key.quoted)', value: `\u201c${key}\u201d` },
    { name: 'typographic single quotes at the edges', value: `\u2018${key}\u2019` },
    { name: 'guillemets at the edges (key.quoted)', value: `\u00ab${key}\u00bb` },
    { name: 'edge quotes inside spaces', value: ` \u201c${key}\u201d ` },
    {
      name: 'bullets of a masked copy (key.masked)',
      value: `${key.slice(0, 8)}\u2022\u2022\u2022\u2022`,
    },
    { name: 'an NBSP (key.invisible)', value: `${key}\u00a0` },
    { name: 'a zero-width space (key.invisible)', value: `${key}\u200b` },
    { name: 'a BOM (key.invisible)', value: `\ufeff${key}` },
    { name: 'a line separator (key.newline)', value: `${key}\u2028` },
    { name: 'plain ASCII punctuation', value: `${key}-_.~+/=` },
  ],
});
