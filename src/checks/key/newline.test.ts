import { keyNewline } from './newline.js';
import { checkTable, sampleKey } from './test-helpers.js';

const key = sampleKey('openai');
const cloudflare = sampleKey('cloudflare');
const cargo = sampleKey('npm');
const inner = `${key.slice(0, 20)}\n${key.slice(20)}`;

checkTable(keyNewline, 'key.newline', {
  finds: [
    {
      name: 'ws-01: a kubectl --from-file secret ending in LF',
      value: `${key}\n`,
      evidence: [`LF (U+000A) at ${key.length}`],
    },
    { name: 'ws-02: a token file saved by an editor', value: `${key}\n` },
    { name: 'ws-03: a saved CLI token file', value: `${key}\n` },
    { name: 'ws-04: a Cloudflare token in a k8s secret', value: `${cloudflare}\n` },
    {
      name: 'ws-05: a header value "Bearer …\\n" from echo | base64',
      value: `Bearer ${key}\n`,
      evidence: [`LF (U+000A) at ${key.length + 7}`],
    },
    {
      name: 'ws-06: a trailing CR from Windows CLI output',
      value: `${key}\r`,
      evidence: [`CR (U+000D) at ${key.length}`],
    },
    {
      name: 'ws-07: a CR scraped from a CRLF header',
      value: `${key}\r\n`,
      evidence: [`CR (U+000D) at ${key.length}`, `LF (U+000A) at ${key.length + 1}`],
    },
    { name: 'ws-08: CRLF from a credential helper, only LF stripped', value: `${cargo}\r` },
    { name: 'a leading LF', value: `\n${key}`, evidence: ['LF (U+000A) at 0'] },
    { name: 'a line break inside (wrapped base64)', value: inner, evidence: ['LF (U+000A) at 20'] },
    { name: 'a Unicode line separator', value: `${key}\u2028` },
    { name: 'a NEL (U+0085)', value: `${key}\u0085` },
  ],
  ok: [
    { name: 'a clean key', value: key },
    { name: 'a trailing space (key.whitespace)', value: `${key} ` },
    { name: 'a trailing tab (key.whitespace)', value: `${key}\t` },
    { name: 'a literal backslash-n', value: `${key}\\n` },
    { name: 'a zero-width space (key.invisible)', value: `${key}\u200b` },
  ],
});
