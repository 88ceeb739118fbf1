import { keyMissing } from './missing.js';
import { checkTable, sampleKey } from './test-helpers.js';

const key = sampleKey('openai');

// None of these values is a secret: the evidence may quote them.
const finds = [
  {
    name: 'empty',
    value: '',
    evidence: ['the value is empty: the variable is set empty, or never set'],
  },
  { name: 'only whitespace', value: ' \t' },
  { name: 'only a newline', value: '\n' },
  { name: 'literal undefined (JS)', value: 'undefined', evidence: ['"undefined"'] },
  { name: 'literal null', value: 'null' },
  { name: 'literal None (Python)', value: 'None', evidence: ['"None"'] },
  { name: 'literal NULL', value: 'NULL' },
  { name: 'literal nil', value: 'nil' },
  { name: 'literal NaN', value: 'NaN' },
  { name: 'empty double quotes', value: '""' },
  { name: 'empty single quotes', value: "''" },
  { name: 'a stringified object', value: '[object Object]' },
  { name: 'en-01: Bearer undefined', value: 'Bearer undefined' },
  { name: 'en-02: Bearer None', value: 'Bearer None' },
  { name: 'Bearer null', value: 'bearer null' },
  { name: 'a scheme and nothing after it', value: 'Bearer ' },
  { name: 'a header line with undefined', value: 'Authorization: Bearer undefined' },
  { name: 'undefined with a trailing newline', value: 'undefined\n' },
  { name: 'quoted undefined', value: '"undefined"' },
  { name: 'undefined after a BOM', value: '\ufeffundefined' },
];

checkTable(keyMissing, 'key.missing', {
  finds: finds.map((c) => ({ ...c, quotable: true })),
  ok: [
    { name: 'a real-looking key', value: key },
    { name: 'a key with a scheme', value: `Bearer ${key}` },
    { name: 'a word that starts like undefined', value: 'undefined-but-set-1234' },
    { name: 'nullable', value: 'nullable' },
    { name: 'a placeholder is not missing', value: 'TOKEN' },
    { name: 'the bare word Bearer', value: 'Bearer' },
  ],
});
