import { headerDuplicate } from './duplicate.js';
import { checkTable } from '../test-helpers.js';

const X_API_KEY = { in: 'header', name: 'x-api-key', scheme: null } as const;

checkTable(headerDuplicate, 'header.duplicate', {
  finds: [
    {
      name: 'Authorization sent twice',
      headers: [['Authorization', 'Bearer another-value-entirely']],
      reply: { status: 401 },
      confidence: 'definitive',
      evidence: ['the header authorization is sent more than once'],
      data: { headerName: 'authorization' },
    },
    {
      name: 'two credential headers that disagree, refused',
      spot: X_API_KEY,
      others: [{ name: 'Authorization', fingerprint: 'sha256:0000aaaa' }],
      reply: { status: 401 },
      evidence: [/^x-api-key \(.*\) and Authorization \(sha256:0000aaaa\) carry different values$/],
      data: { headerName: 'Authorization' },
    },
    {
      name: 'the other header alone was accepted: confirmed',
      spot: X_API_KEY,
      others: [{ name: 'Authorization', fingerprint: 'sha256:0000aaaa' }],
      reply: { status: 401 },
      alternatives: [
        {
          spot: { in: 'header', name: 'Authorization', scheme: 'Bearer' },
          reply: { status: 200 },
        },
      ],
      confidence: 'confirmed',
      evidence: ['sent only as Authorization: accepted (200)'],
    },
  ],
  ok: [
    { name: 'one credential header', reply: { status: 401 } },
    {
      name: 'a harmless header sent twice',
      headers: [
        ['Accept', 'application/json'],
        ['Accept', 'text/plain'],
      ],
      reply: { status: 401 },
    },
  ],
});
