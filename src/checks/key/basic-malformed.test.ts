import { keyBasicMalformed } from './basic-malformed.js';
import { ALNUM, checkTable, fill, sampleKey } from './test-helpers.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const pair = `user:${fill(ALNUM, 16, 'basic-password')}`;

checkTable(keyBasicMalformed, 'key.basic-malformed', {
  finds: [
    {
      name: 'ws-13: echo user:password | base64 (trailing LF encoded)',
      value: `Basic ${b64('user:password\n')}`,
      evidence: ['followed by a newline'],
    },
    { name: 'a CRLF encoded', value: `Basic ${b64(`${pair}\r\n`)}` },
    {
      name: 'user:secret sent without base64',
      value: `Basic ${pair}`,
      evidence: ['without base64 encoding'],
    },
    { name: 'not base64 at all', value: 'Basic !!not*base64!!', evidence: ['not valid base64'] },
    { name: 'base64 without padding', value: `Basic ${b64('user:pass1').replace(/=+$/, '')}` },
    {
      name: 'base64 of a bare key, no colon',
      value: `Basic ${b64(fill(ALNUM, 30, 'bare'))}`,
      evidence: ['without the user:secret colon'],
    },
    { name: 'lower-case scheme', value: `basic ${b64('user:password\n')}` },
    {
      name: 'a token sent under the Basic scheme',
      value: b64(`${pair}\n`),
      ctx: { scheme: 'Basic' },
    },
    { name: 'base64url alphabet', value: `Basic ${b64(pair).replace(/\+/g, '-')}-_` },
  ],
  ok: [
    { name: 'a valid Basic credential', value: `Basic ${b64(pair)}` },
    { name: 'a valid one under the Basic scheme', value: b64(pair), ctx: { scheme: 'Basic' } },
    { name: 'an empty password is still user:secret', value: `Basic ${b64('user:')}` },
    { name: 'a trailing newline on the header value (key.newline)', value: `Basic ${b64(pair)}\n` },
    { name: 'a Bearer token', value: `Bearer ${sampleKey('openai')}` },
    { name: 'a raw key', value: sampleKey('openai') },
    {
      name: 'a raw key under the Bearer scheme',
      value: sampleKey('github'),
      ctx: { scheme: 'Bearer' },
    },
  ],
});
