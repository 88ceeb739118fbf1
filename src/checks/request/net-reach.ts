import { defineCheck, finding } from '../types.js';
import { errorOf, type RequestEvidence } from '../../evidence/request.js';

/** No HTTP answer at all: DNS, connect, reset, timeout, not HTTP, or TLS. */
export const netReach = defineCheck<RequestEvidence>('net-reach', ({ final, proxy }) => {
  const error = errorOf(final);
  if (!error || error.kind === 'client-refused') return [];
  // A failure on the way to the proxy (its certificate, its address) names the proxy, not the API.
  const proxyHost = error.atProxy && proxy ? proxy.url.host : undefined;
  const where = proxyHost
    ? `the proxy ${proxyHost}`
    : `${final.request.url.host}${final.viaProxy ? ' (through the proxy)' : ''}`;
  if (error.kind === 'tls') {
    return [
      finding(
        'net.tls-error',
        'definitive',
        `TLS with ${where} failed: ${error.code} (${error.message})`,
        // after a redirect, the host whose certificate failed is the last hop's
        { code: error.code, host: proxyHost ?? final.request.url.host },
      ),
    ];
  }
  const what: Record<string, string> = {
    dns: 'the host name does not resolve',
    refused: 'nothing accepts connections there',
    reset: 'the connection was reset before a complete answer',
    timeout: 'no answer before the timeout',
    protocol: 'the answer is not valid HTTP',
    proxy: 'the proxy failed',
    other: 'the request failed',
  };
  // A timeout says what it interrupted: a server that took the connection and never answered is
  // no DNS or firewall problem.
  const timedOut: Record<string, string> = {
    dns: 'the DNS lookup did not finish before the timeout',
    connect: 'the connection was not accepted before the timeout',
    tls: 'the TLS handshake did not finish before the timeout',
    answer: 'it accepted the connection but sent no answer before the timeout',
  };
  const said =
    error.kind === 'timeout' && error.stage
      ? timedOut[error.stage]
      : (what[error.kind] ?? error.kind);
  return [
    finding('net.unreachable', 'definitive', `${where}: ${said} (${error.code})`, {
      code: error.code,
      host: proxyHost ?? final.request.url.host,
      ...(error.kind === 'timeout' && error.stage ? { stage: error.stage } : {}),
    }),
  ];
});
