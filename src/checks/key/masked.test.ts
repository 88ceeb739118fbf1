import { keyMasked } from './masked.js';
import { ALNUM, checkTable, fill, sampleKey } from './test-helpers.js';

const key = sampleKey('openai');
const tail = fill(ALNUM, 4, 'masked-tail');
// ch-02: a long credential copied from a display that cut it with an ellipsis at index 512.
const long = fill(ALNUM, 512, 'masked-ch-02') + '\u2026' + fill(ALNUM, 40, 'masked-ch-02b');

checkTable(keyMasked, 'key.masked', {
  finds: [
    { name: 'ch-02: an ellipsis at index 512', value: long, evidence: ['an ellipsis'] },
    { name: 'a dashboard copy: prefix…tail', value: `sk-proj-\u2026${tail}` },
    { name: 'three dots in the middle', value: `sk-proj-...${tail}`, evidence: ['three dots'] },
    { name: 'asterisks', value: `sk-${'*'.repeat(16)}${tail}`, evidence: ['asterisks'] },
    { name: 'a masked log line tail', value: `${key.slice(0, 12)}****${tail}` },
    { name: 'bullets', value: `\u2022\u2022\u2022\u2022\u2022${tail}`, evidence: ['bullets'] },
    { name: 'black circles', value: `\u25cf\u25cf\u25cf\u25cf${tail}` },
    { name: 'after a scheme', value: `Bearer sk-proj-...${tail}` },
  ],
  ok: [
    { name: 'a clean key', value: key },
    { name: 'a placeholder sk-... (key.placeholder, said once)', value: 'sk-...' },
    { name: 'a placeholder sk-xxxx', value: 'sk-xxxx' },
    { name: 'two dots', value: `${key.slice(0, 10)}..${key.slice(10)}` },
    { name: 'two asterisks', value: `${key.slice(0, 10)}**${key.slice(10)}` },
    { name: 'a Mapbox token with single dots', value: sampleKey('mapbox') },
    { name: 'a SendGrid key with dots', value: sampleKey('sendgrid') },
    { name: 'empty', value: '' },
  ],
});
