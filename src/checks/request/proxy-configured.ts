import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';

export const proxyConfigured = defineCheck<RequestEvidence>(
  'proxy-configured',
  ({ proxy, final }) => {
    if (!proxy || !final.viaProxy) return [];
    return [
      finding(
        'net.proxy-configured',
        'definitive',
        `${proxy.from} sends this URL through ${proxy.url.host}`,
        {
          proxy: proxy.url.host,
        },
      ),
    ];
  },
);
