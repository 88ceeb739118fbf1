import { describe, expect, it } from 'vitest';
import type { NetError } from '../../evidence/wire.js';
import { renderFinding } from '../../findings/render.js';
import { netReach } from './net-reach.js';
import { evidenceOf } from './test-helpers.js';
import type { RequestEvidence } from '../../evidence/request.js';

/** No answer at all: the request failed with `error`. */
function failedWith(error: NetError): RequestEvidence {
  const ev = evidenceOf({ reply: { status: 200 } });
  const final = {
    ...ev.final,
    result: { ok: false as const, error, elapsedMs: 0 },
    facts: undefined,
    accepted: false,
  };
  return { ...ev, final, chain: [final] };
}

const timeout = (stage: NetError['stage']): NetError => ({
  kind: 'timeout',
  code: 'ETIMEDOUT',
  message: 'no answer within 2000 ms',
  stage,
});

describe('net-reach', () => {
  it.each<[string, NetError, RegExp, boolean]>([
    [
      'a silent DNS server: the lookup did not finish → DNS advice',
      timeout('dns'),
      /DNS lookup did not finish before the timeout/,
      true,
    ],
    [
      'a server that accepts the connection and never answers → not "check DNS"',
      timeout('answer'),
      /accepted the connection but sent no answer before the timeout/,
      false,
    ],
    [
      'a name that does not resolve → DNS advice',
      { kind: 'dns', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND api.example.test' },
      /does not resolve/,
      true,
    ],
  ])('%s', (_name, error, evidence, dnsAdvice) => {
    const found = netReach.run(failedWith(error));
    expect(found.map((f) => f.id)).toEqual(['net.unreachable']);
    const [raw] = found;
    expect(raw?.evidence.join('\n')).toMatch(evidence);
    const fix = raw ? renderFinding(raw).fix : '';
    expect(/nslookup|DNS \(/.test(fix)).toBe(dnsAdvice);
  });
});

describe('net-reach: a failure on the way to the proxy names the proxy', () => {
  it('an https:// proxy whose certificate is not trusted → net.tls-error about the proxy', () => {
    const ev = failedWith({
      kind: 'tls',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      message: 'self-signed certificate',
      atProxy: true,
    });
    const found = netReach.run({
      ...ev,
      proxy: { url: new URL('https://proxy.corp.example:8443'), from: 'HTTPS_PROXY' },
    });
    expect(found.map((f) => f.id)).toEqual(['net.tls-error']);
    expect(found[0]?.evidence.join('\n')).toMatch(
      /TLS with the proxy proxy\.corp\.example:8443 failed/,
    );
    expect(found[0]?.data?.['host']).toBe('proxy.corp.example:8443');
  });

  it('the same failure at the origin names the origin', () => {
    const found = netReach.run(
      failedWith({ kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed' }),
    );
    expect(found[0]?.evidence.join('\n')).not.toMatch(/the proxy/);
  });
});

describe('net-reach after a redirect', () => {
  it('names the host whose certificate failed: the last hop, not the URL first called', () => {
    const ev = failedWith({
      kind: 'tls',
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      message: "Hostname/IP does not match certificate's altnames",
    });
    const hop = {
      ...ev.final,
      request: { ...ev.final.request, url: new URL('https://login.example.net/x') },
    };
    const [raw] = netReach.run({ ...ev, final: hop, chain: [ev.chain[0] ?? hop, hop] });
    expect(raw?.id).toBe('net.tls-error');
    expect(renderFinding(raw!).fix).toContain('login.example.net');
  });
});
