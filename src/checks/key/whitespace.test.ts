import { keyWhitespace } from './whitespace.js';
import { checkTable, sampleKey } from './test-helpers.js';

const key = sampleKey('openai');
const composio = sampleKey('groq');

checkTable(keyWhitespace, 'key.whitespace', {
  finds: [
    {
      name: 'ws-09: a trailing space copied into a config',
      value: `${key} `,
      evidence: [`SPACE (U+0020) at ${key.length}`],
    },
    {
      name: 'ws-10: surrounding whitespace in x-api-key',
      value: ` ${composio} `,
      evidence: ['SPACE (U+0020) at 0', `SPACE (U+0020) at ${composio.length + 1}`],
    },
    { name: 'ws-11: a trailing space pasted in a form', value: `${key} ` },
    { name: 'a leading space', value: ` ${key}`, evidence: ['SPACE (U+0020) at 0'] },
    { name: 'a trailing tab', value: `${key}\t`, evidence: [`TAB (U+0009) at ${key.length}`] },
    { name: 'a leading tab', value: `\t${key}` },
    { name: 'two trailing spaces', value: `${key}  ` },
    { name: 'a space then a newline', value: `${key} \n` },
    { name: 'a trailing space after a scheme and key', value: `Bearer ${key} ` },
  ],
  ok: [
    { name: 'a clean key', value: key },
    { name: 'the space between scheme and key', value: `Bearer ${key}` },
    { name: 'only a trailing newline (key.newline)', value: `${key}\n` },
    { name: 'a trailing NBSP (key.invisible)', value: `${key}\u00a0` },
    { name: 'a trailing ideographic space (key.invisible)', value: `${key}\u3000` },
    { name: 'empty', value: '' },
  ],
});
