import { describe, expect, it } from 'vitest';
import type { NetError } from '../../evidence/wire.js';
import { renderFinding } from '../../findings/render.js';
import { netReach } from './net-reach.js';
import { checkTable, evidenceOf } from './test-helpers.js';
import type { RequestEvidence } from '../../evidence/request.js';

const NO_ANSWER = { status: 200 };
const PROXY = { url: new URL('https://proxy.corp.example:8443'), from: 'HTTPS_PROXY' };

checkTable(netReach, 'net.unreachable', {
  finds: [
    {
      name: 'a name that does not resolve',
      reply: NO_ANSWER,
      error: { kind: 'dns', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND api.example.test' },
      confidence: 'definitive',
      evidence: ['api.example.test: the host name does not resolve (ENOTFOUND)'],
      data: { code: 'ENOTFOUND', host: 'api.example.test' },
    },
    {
      name: 'nothing listening',
      reply: NO_ANSWER,
      error: { kind: 'refused', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
      evidence: ['nothing accepts connections there (ECONNREFUSED)'],
    },
    {
      name: 'a connection reset mid-answer',
      reply: NO_ANSWER,
      error: { kind: 'reset', code: 'ECONNRESET', message: 'socket hang up' },
      evidence: ['the connection was reset before a complete answer'],
    },
    {
      name: 'a timeout says what it interrupted, and carries the stage',
      reply: NO_ANSWER,
      error: { kind: 'timeout', code: 'ETIMEDOUT', message: 'no answer', stage: 'connect' },
      evidence: ['the connection was not accepted before the timeout'],
      data: { stage: 'connect' },
    },
    {
      name: 'an answer that is not HTTP',
      reply: NO_ANSWER,
      error: { kind: 'protocol', code: 'HPE_INVALID_CONSTANT', message: 'Parse Error' },
      evidence: ['the answer is not valid HTTP'],
    },
    {
      name: 'through a proxy: the origin is named, and that it went through the proxy',
      reply: NO_ANSWER,
      error: { kind: 'refused', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
      proxy: PROXY,
      evidence: ['api.example.test (through the proxy): nothing accepts connections there'],
    },
    {
      name: "the proxy's own address refused: the proxy is named",
      reply: NO_ANSWER,
      error: { kind: 'refused', code: 'ECONNREFUSED', message: 'connect', atProxy: true },
      proxy: PROXY,
      evidence: ['the proxy proxy.corp.example:8443: nothing accepts connections there'],
      data: { host: 'proxy.corp.example:8443' },
    },
  ],
  ok: [
    { name: 'an answer, even a refusal', reply: { status: 401 } },
    { name: 'an answer that is a server error', reply: { status: 503 } },
    {
      name: "the client refused to send (the key's bytes): client-refused says so",
      reply: NO_ANSWER,
      error: { kind: 'client-refused', code: 'ERR_INVALID_CHAR', message: 'Invalid character' },
    },
    {
      name: 'a TLS failure is net.tls-error',
      reply: NO_ANSWER,
      error: { kind: 'tls', code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' },
    },
  ],
});

checkTable(netReach, 'net.tls-error', {
  finds: [
    {
      name: "the origin's certificate",
      reply: NO_ANSWER,
      error: { kind: 'tls', code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' },
      confidence: 'definitive',
      evidence: ['TLS with api.example.test failed: CERT_HAS_EXPIRED (certificate has expired)'],
      data: { code: 'CERT_HAS_EXPIRED', host: 'api.example.test' },
    },
    {
      name: "an https:// proxy's certificate: the proxy is named",
      reply: NO_ANSWER,
      error: {
        kind: 'tls',
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        message: 'self-signed certificate',
        atProxy: true,
      },
      proxy: PROXY,
      evidence: [/^TLS with the proxy proxy\.corp\.example:8443 failed/],
      data: { host: 'proxy.corp.example:8443' },
    },
  ],
  ok: [
    { name: 'an answer', reply: { status: 200 } },
    {
      name: 'a name that does not resolve is net.unreachable',
      reply: NO_ANSWER,
      error: { kind: 'dns', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' },
    },
    {
      name: 'a TLS handshake that timed out is net.unreachable (a timeout)',
      reply: NO_ANSWER,
      error: { kind: 'timeout', code: 'ETIMEDOUT', message: 'no answer', stage: 'tls' },
    },
  ],
});

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
