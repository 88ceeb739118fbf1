import { maskedEcho } from './masked-echo.js';
import { checkTable, KEY } from './test-helpers.js';

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
  ok: [{ name: 'a tail-only echo has no head to show a quote', reply: deepseek('QQQQ') }],
});
