import { keyInvisible } from './invisible.js';
import { checkTable, sampleKey } from './test-helpers.js';

const key = sampleKey('anthropic');
const at = (i: number, ch: string) => key.slice(0, i) + ch + key.slice(i);

checkTable(keyInvisible, 'key.invisible', {
  finds: [
    {
      name: 'a zero-width space inside',
      value: at(12, '\u200b'),
      evidence: ['ZERO WIDTH SPACE (U+200B) at 12'],
    },
    {
      name: 'a BOM at the start (Notepad file)',
      value: `\ufeff${key}`,
      evidence: ['BOM (U+FEFF) at 0'],
    },
    {
      name: 'a trailing NBSP (copied from a web page)',
      value: `${key}\u00a0`,
      evidence: [`NBSP (U+00A0) at ${key.length}`],
    },
    { name: 'a soft hyphen', value: at(5, '\u00ad'), evidence: ['SOFT HYPHEN (U+00AD) at 5'] },
    { name: 'a zero-width joiner', value: at(3, '\u200d') },
    { name: 'a word joiner', value: at(3, '\u2060'), evidence: ['WORD JOINER (U+2060) at 3'] },
    {
      name: 'a left-to-right mark',
      value: `${key}\u200e`,
      evidence: [`LRM (U+200E) at ${key.length}`],
    },
    { name: 'a right-to-left override', value: at(1, '\u202e'), evidence: ['RLO (U+202E) at 1'] },
    { name: 'a bidi isolate', value: at(1, '\u2066') },
    { name: 'a narrow NBSP', value: `${key}\u202f` },
    { name: 'an ideographic space', value: `${key}\u3000`, evidence: ['IDEOGRAPHIC SPACE'] },
    { name: 'an en space', value: at(2, '\u2002') },
    { name: 'a NUL byte', value: `${key}\u0000`, evidence: [`CTRL U+0000 at ${key.length}`] },
    { name: 'an ESC control', value: at(4, '\u001b'), evidence: ['CTRL U+001B at 4'] },
    { name: 'DEL', value: at(4, '\u007f') },
    { name: 'a C1 control', value: at(4, '\u0080') },
    { name: 'a tag character', value: `${key}\u{e0041}` },
    {
      name: 'several, each named with its index',
      value: `\ufeff${key.slice(0, 10)}\u200b${key.slice(10)}`,
      evidence: ['BOM (U+FEFF) at 0', 'ZERO WIDTH SPACE (U+200B) at 11'],
    },
  ],
  ok: [
    { name: 'a clean key', value: key },
    { name: 'a trailing space (key.whitespace)', value: `${key} ` },
    { name: 'a trailing tab (key.whitespace)', value: `${key}\t` },
    { name: 'a trailing LF (key.newline)', value: `${key}\n` },
    { name: 'CRLF (key.newline)', value: `${key}\r\n` },
    { name: 'a Cyrillic look-alike (key.non-ascii)', value: at(8, '\u0430') },
    { name: 'typographic quotes (key.quoted)', value: `\u201c${key}\u201d` },
    { name: 'an ellipsis (key.masked)', value: at(10, '\u2026') },
  ],
});
