import { describe, expect, it } from 'vitest';
import { basicMeant } from '../../evidence/key-evidence.js';
import { keyBasicPair } from './basic-pair.js';
import { KEY_CHECKS } from './index.js';
import { runChecks } from '../types.js';
import { ALNUM, checkTable, evidence, fill, ids, sampleKey } from './test-helpers.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const basic = (pair: string) => `Basic ${b64(pair)}`;
const token = fill(ALNUM, 32, 'basic-pair-token');
const stripe = `sk_live_${fill(ALNUM, 99, 'basic-pair-stripe')}`;
const github = sampleKey('github');

checkTable(keyBasicPair, 'key.whitespace', {
  finds: [
    {
      name: 'issue 14: dev@acme.dev :token (a space after the user)',
      value: basic(`dev@acme.dev :${token}`),
      evidence: ["the Basic pair's user: SPACE (U+0020) at 12"],
      secret: token,
    },
    {
      name: 'a space before the password',
      value: basic(`dev@acme.dev: ${token}`),
      evidence: ["the Basic pair's password (the key): SPACE (U+0020) at 0"],
      secret: token,
    },
    {
      name: 'a key wrapped in Basic with a trailing space (-u ":$KEY ")',
      value: basic(`:${stripe} `),
      evidence: ["the Basic pair's password (the key): SPACE"],
      secret: stripe,
    },
    {
      name: 'under the Basic scheme (as found in a request)',
      value: b64(` dev@acme.dev:${token}`),
      ctx: { scheme: 'Basic' },
      evidence: ["the Basic pair's user: SPACE (U+0020) at 0"],
      secret: token,
    },
  ],
  ok: [
    { name: 'a clean pair', value: basic(`dev@acme.dev:${token}`) },
    { name: 'a clean key as password (-u ":$KEY")', value: basic(`:${stripe}`) },
    { name: 'a clean key as user (-u "$KEY:")', value: basic(`${stripe}:`) },
    { name: 'not Basic', value: `Bearer ${github}` },
  ],
});

checkTable(keyBasicPair, 'key.newline', {
  finds: [
    {
      name: 'a line break inside the user',
      value: basic(`dev@acme.dev\n:${token}`),
      evidence: ["the Basic pair's user: LF (U+000A) at 12"],
      secret: token,
    },
  ],
  ok: [
    {
      name: 'a trailing newline of the whole pair is key.basic-malformed, not said twice',
      value: basic(`dev@acme.dev:${token}\n`),
    },
  ],
});

checkTable(keyBasicPair, 'key.quoted', {
  finds: [
    {
      name: 'a quoted password',
      value: basic(`api:"${token}"`),
      evidence: ["the Basic pair's password (the key): the value has a QUOTE at the start"],
      secret: token,
    },
    {
      name: 'a quoted user',
      value: basic(`'dev@acme.dev':${token}`),
      evidence: ["the Basic pair's user: the value has"],
      secret: token,
    },
  ],
  ok: [{ name: 'no quotes', value: basic(`api:${token}`) }],
});

checkTable(keyBasicPair, 'key.placeholder', {
  finds: [
    {
      name: 'a placeholder password',
      value: basic('dev@acme.dev:changeme'),
      evidence: ["the Basic pair's password (the key)"],
      quotable: true,
    },
    {
      name: 'a placeholder user',
      value: basic(`<YOUR_EMAIL>:${token}`),
      evidence: ["the Basic pair's user"],
      secret: token,
    },
  ],
  ok: [
    { name: 'a real-looking pair', value: basic(`dev@acme.dev:${token}`) },
    { name: 'a plain-word user (test) is a user name', value: basic(`test:${token}`) },
    { name: 'the fixed user api (Mailgun, Stripe style)', value: basic(`api:${token}`) },
  ],
});

checkTable(keyBasicPair, 'key.missing', {
  finds: [{ name: 'both halves empty (-u ":")', value: basic(':'), quotable: true }],
  ok: [
    { name: 'an empty user is how -u ":KEY" is meant', value: basic(`:${token}`) },
    { name: 'an empty password is how -u "KEY:" is meant', value: basic(`${token}:`) },
  ],
});

describe('a key wrapped in Basic is the credential the key checks look at', () => {
  it.each([
    ['-u ":$KEY"', `:${stripe}`],
    ['-u "$KEY:"', `${stripe}:`],
    ['Stripe/Mailgun style api:KEY', `api:${stripe}`],
  ])('%s: core is the key, its provider named', (_name, pair) => {
    const ev = evidence(basic(pair));
    expect(ev.core).toBe(stripe);
    expect(ev.matches.some((m) => m.provider.id === 'stripe')).toBe(true);
  });

  it('a key in the user half when the password is something else (ghp_…:x-oauth-basic)', () => {
    expect(evidence(basic(`${github}:x-oauth-basic`)).core).toBe(github);
  });

  it('each finding once: the whole-value checks leave a Basic pair to its halves', () => {
    const found = ids(runChecks(KEY_CHECKS, evidence(basic('api:changeme'))));
    expect(found.filter((id) => id === 'key.placeholder')).toHaveLength(1);
  });
});

describe('basicMeant: what the probes move instead of the base64', () => {
  it('-u ":$KEY": the key, rebuilt with an empty user', () => {
    expect(basicMeant(b64(`:${stripe}`))).toEqual({ meant: stripe, basicUser: '' });
  });
  it('-u "$KEY:": the key is the user', () => {
    expect(basicMeant(b64(`${stripe}:`))).toEqual({ meant: stripe });
  });
  it('api:KEY: the key, rebuilt with user api', () => {
    expect(basicMeant(b64(`api:${stripe}`))).toEqual({ meant: stripe, basicUser: 'api' });
  });
  it('dev@acme.dev :token: the token, and the user without its space', () => {
    expect(basicMeant(b64(`dev@acme.dev :${token}`))).toEqual({
      meant: token,
      basicUser: 'dev@acme.dev',
    });
  });
  it('not a pair: undefined', () => {
    expect(basicMeant('not base64!')).toBeUndefined();
    expect(basicMeant(b64('no colon'))).toBeUndefined();
  });
});

describe('the key half of an account-and-token pair', () => {
  it("Twilio AccountSID:AuthToken: the token is the key, not the SID (an identifier's shape)", () => {
    const sid = sampleKey('twilio', 0);
    const authToken = fill('0123456789abcdef', 32, 'twilio-token');
    const ev = evidence(b64(`${sid}:${authToken}`), { scheme: 'Basic' });
    expect(ev.basic?.key).toBe('password');
    expect(ev.core).toBe(authToken);
  });
});
