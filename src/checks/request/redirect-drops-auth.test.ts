import { redirectDropsAuth } from './redirect-drops-auth.js';
import { checkTable } from './test-helpers.js';

const TO_CDN = { from: 'https://api.example.test', to: 'https://cdn.example.net', status: 302 };
const MISSING = { status: 401, body: { error: 'No API key provided' } };

checkTable(redirectDropsAuth, 'net.redirect-drops-auth', {
  finds: [
    {
      name: 'refused after the hop, the answer says no credential arrived: confirmed',
      reply: MISSING,
      leftOrigin: TO_CDN,
      confidence: 'confirmed',
      evidence: [
        '302 from https://api.example.test to https://cdn.example.net: another origin, so the credential stays behind',
        /answered 401: no credential arrived/,
      ],
      data: { from: 'https://api.example.test', to: 'https://cdn.example.net' },
    },
    {
      name: 'refused after the hop, words of no credential absent: attributed',
      reply: { status: 403 },
      leftOrigin: TO_CDN,
      confidence: 'attributed',
    },
    {
      name: 'accepted after the hop: still said (as a warning)',
      reply: { status: 200, body: { data: [] } },
      leftOrigin: TO_CDN,
      confidence: 'attributed',
    },
    {
      name: 'a hop not followed, its Location holding the credential',
      reply: { status: 307 },
      leftOrigin: { ...TO_CDN, status: 307, notFollowed: 'location' },
      evidence: [/not followed, its Location holds the credential; nothing secret is sent/],
    },
    {
      name: 'a 308 not followed because its body holds a possible credential, even without a key',
      reply: { status: 308 },
      spot: null,
      leftOrigin: { ...TO_CDN, status: 308, notFollowed: 'body' },
      evidence: [/the body it would send again holds a possible credential/],
    },
  ],
  ok: [
    { name: 'no redirect', reply: MISSING },
    {
      name: 'a hop to another origin without any credential sent',
      reply: MISSING,
      spot: null,
      leftOrigin: TO_CDN,
    },
  ],
});
