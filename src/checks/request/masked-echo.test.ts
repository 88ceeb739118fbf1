import { maskedEcho } from './masked-echo.js';
import { describe, expect, it } from 'vitest';
import { checkTable, evidenceOf, KEY } from './test-helpers.js';

/** Stripe's wording for a restricted key without the permission, quoting the key masked. */
const PROVIDED_KEY = (tail: string) => ({
  status: 403,
  body: {
    error: {
      message: `The provided key 'rk_live_****${tail}' does not have the required permissions for this endpoint on account 'acct_1'.`,
      type: 'invalid_request_error',
    },
  },
});

const deepseek = (tail: string) => ({
  status: 401,
  body: {
    error: {
      message: `Authentication Fails, Your api key: ****${tail} is invalid`,
      type: 'authentication_error',
    },
  },
});

checkTable(maskedEcho, 'net.proxy-strips-auth', {
  finds: [
    {
      name: 'DeepSeek-style tail-only echo (****QQQQ) of another key than the one sent',
      reply: deepseek('QQQQ'),
      confidence: 'heuristic',
      evidence: [/echoes a key ending in "QQQQ"/],
    },
    {
      name: 'an echo with head and tail, both of another key',
      reply: {
        status: 401,
        body: { error: { message: 'Incorrect API key provided: zz-ab***QQQQ' } },
      },
    },
    {
      name: 'the head is the shared public prefix of the key sent, the tail is of another key',
      key: `sk-${KEY}`,
      reply: {
        status: 401,
        body: { error: { message: 'Incorrect API key provided: sk-*********QQQQ.' } },
      },
      confidence: 'heuristic',
    },
    {
      name: 'a reverse proxy putting its own key: the same echo without any credential',
      key: `sk-${KEY}`,
      reply: {
        status: 401,
        body: { error: { message: 'Incorrect API key provided: sk-*********QQQQ.' } },
      },
      probes: {
        'without-credential': {
          status: 401,
          body: { error: { message: 'Incorrect API key provided: sk-*********QQQQ.' } },
        },
      },
      confidence: 'attributed',
      evidence: [/without any credential the very same answer/],
    },
  ],
  ok: [
    {
      name: 'head and tail of the key sent',
      key: `sk-${KEY}`,
      reply: {
        status: 401,
        body: { error: { message: `Incorrect API key provided: sk-*********${KEY.slice(-4)}.` } },
      },
    },
    {
      name: 'the tail-only echo is the tail of the key sent',
      reply: deepseek(KEY.slice(-4)),
    },
    {
      name: 'no mask in the answer',
      reply: { status: 401, body: { error: { message: 'Invalid API key' } } },
    },
    {
      name: 'accepted',
      reply: { status: 200, body: { data: [] } },
    },
  ],
});

checkTable(maskedEcho, 'key.quoted', {
  finds: [
    {
      name: 'the echo starts with a quote',
      reply: {
        status: 401,
        body: { error: { message: 'Incorrect API key provided: "sk-ab***QQQQ' } },
      },
    },
  ],
  ok: [
    { name: 'a tail-only echo has no head to show a quote', reply: deepseek('QQQQ') },
    {
      name: "issue 14: the server quotes the masked key in its sentence ('rk_live_****<tail>')",
      key: `rk_live_${KEY}`,
      reply: PROVIDED_KEY(KEY.slice(-4)),
    },
    {
      name: 'issue 14: the same in double quotes',
      key: `rk_live_${KEY}`,
      reply: {
        status: 401,
        body: { message: `API key "rk_live_****${KEY.slice(-4)}" is not allowed here` },
      },
    },
  ],
});

describe('a key the server quotes', () => {
  it('is neither key.quoted nor another key when its tail is the key sent', () => {
    const ev = evidenceOf({ key: `rk_live_${KEY}`, reply: PROVIDED_KEY(KEY.slice(-4)) });
    expect(maskedEcho.run(ev)).toEqual([]);
  });
  it("with another tail, another key arrived (the quote is still the server's)", () => {
    const ev = evidenceOf({ key: `rk_live_${KEY}`, reply: PROVIDED_KEY('QQQQ') });
    expect(maskedEcho.run(ev).map((f) => f.id)).toEqual(['net.proxy-strips-auth']);
  });
  it('a key sent with its quote, echoed quoted: key.quoted', () => {
    const ev = evidenceOf({ key: `'rk_live_${KEY}'`, reply: PROVIDED_KEY(KEY.slice(-4)) });
    expect(maskedEcho.run(ev).map((f) => f.id)).toEqual(['key.quoted']);
  });
});
