import { clockSkew } from './clock.js';
import { checkTable, NOW } from './test-helpers.js';

const tenMinutesAhead = new Date(NOW + 10 * 60_000).toUTCString();

checkTable(clockSkew, 'net.clock-skew', {
  finds: [
    {
      name: 'ck-01: AWS-style 403 "Signature expired", x-amzn-ErrorType, the server 10 min ahead',
      reply: {
        status: 403,
        headers: {
          date: tenMinutesAhead,
          'x-amzn-errortype': 'InvalidSignatureException',
          'x-amzn-requestid': 'r-1',
        },
        body: {
          message:
            'Signature expired: 20260115T115500Z is now earlier than 20260115T120500Z (20260115T121000Z - 5 min.)',
        },
      },
      confidence: 'attributed',
      evidence: [/600 s behind the server/, /the answer speaks of time/],
    },
    {
      name: 'ck-03: recvWindow, 90 s off',
      reply: {
        status: 400,
        headers: { date: new Date(NOW - 90_000).toUTCString() },
        body: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
      },
    },
  ],
  ok: [
    {
      name: 'within a minute',
      reply: {
        status: 403,
        headers: { date: new Date(NOW + 30_000).toUTCString() },
        body: { message: 'Signature expired' },
      },
    },
    { name: 'no Date header', reply: { status: 401, body: { error: 'invalid' } } },
  ],
});
