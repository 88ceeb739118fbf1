import { keyQuoted } from './quoted.js';
import { checkTable, sampleKey } from './test-helpers.js';

const key = sampleKey('openai');
const qbit = sampleKey('together', 1);

checkTable(keyQuoted, 'key.quoted', {
  finds: [
    {
      name: 'qt-01: cmd.exe set VAR="…" keeps the double quotes',
      value: `"${key}"`,
      evidence: ['QUOTE at the start and a QUOTE at the end'],
    },
    {
      name: "qt-02: compose list item KEY='…' keeps single quotes",
      value: `'${qbit}'`,
      evidence: ['APOSTROPHE at the start'],
    },
    { name: 'qt-03: a dotenv-quoted value reused as env_file', value: `"${key}"` },
    { name: 'backticks', value: `\`${key}\``, evidence: ['BACKTICK at the start'] },
    {
      name: 'typographic double quotes',
      value: `\u201c${key}\u201d`,
      evidence: ['LEFT DOUBLE QUOTE at the start', 'RIGHT DOUBLE QUOTE at the end'],
    },
    { name: 'typographic single quotes', value: `\u2018${key}\u2019` },
    { name: 'guillemets', value: `\u00ab${key}\u00bb` },
    { name: 'only an opening quote', value: `"${key}`, evidence: ['QUOTE at the start'] },
    { name: 'only a closing quote', value: `${key}"`, evidence: ['QUOTE at the end'] },
    { name: 'quotes and a trailing newline', value: `"${key}"\n` },
    { name: 'quotes inside spaces', value: ` "${key}" ` },
    { name: 'a quoted header value', value: `"Bearer ${key}"` },
  ],
  ok: [
    { name: 'a clean key', value: key },
    { name: 'an apostrophe inside', value: `${key.slice(0, 10)}'${key.slice(10)}` },
    { name: 'a quote inside', value: `${key.slice(0, 10)}"${key.slice(10)}` },
    { name: 'empty', value: '' },
    { name: 'only spaces', value: '   ' },
  ],
});
