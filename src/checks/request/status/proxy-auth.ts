import { defineCheck, finding } from '../../types.js';
import { proxyOwnAnswer, type RequestEvidence } from '../../../evidence/request.js';

/** 407: a forward proxy wants its own credentials. */
export const proxyAuth = defineCheck<RequestEvidence>('proxy-auth', (ev) => {
  const { final, proxy } = ev;
  const f = final.facts;
  // Some proxies (tinyproxy with a wrong password) answer 401 themselves: proxyOwnAnswer.
  if (!f || !proxyOwnAnswer(ev)) return [];
  const challenge = f.headers['proxy-authenticate'];
  const own = f.status === 401 ? f.headers['www-authenticate'] : undefined;
  const withCreds = proxy?.url.username
    ? 'credentials in the proxy URL were refused'
    : 'no proxy credentials were sent';
  return [
    finding(
      'status.proxy-auth',
      'definitive',
      [
        `${f.status} from ${proxy?.url.host ?? 'a proxy'}${challenge ? ` (Proxy-Authenticate: ${challenge.slice(0, 60)})` : own ? ` itself (server: ${(f.headers['server'] ?? '').slice(0, 40)}, WWW-Authenticate: ${own.slice(0, 60)}), not the API` : ''}`,
        withCreds,
      ],
      {
        proxy: proxy?.url.host ?? null,
      },
    ),
  ];
});
