/**
 * What the issuer and the API publish, against what the token says (the metadata was fetched
 * by discovery, without the token): the discovered `issuer` and RFC 9728's
 * `authorization_servers` against `iss`, the published kids against `kid`, RFC 9728's
 * `resource` against `aud`. Exact string comparisons, as validators make them.
 */
import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';
import type { RawFinding } from '../../findings/types.js';
import { audiences, claimString, headerString, refusedJwt } from './shared.js';

/** What differs between two issuer strings that look alike, in words. */
export function issuerDifference(a: string, b: string): string | undefined {
  if (a.replace(/\/+$/, '') === b.replace(/\/+$/, '')) return 'a trailing slash';
  try {
    const ua = new URL(a);
    const ub = new URL(b);
    if (ua.pathname.replace(/\/+$/, '') === ub.pathname.replace(/\/+$/, '')) {
      if (ua.hostname !== ub.hostname) return `the host name (${ua.host} vs ${ub.host})`;
      if (ua.protocol !== ub.protocol) return `the scheme (${ua.protocol} vs ${ub.protocol})`;
      if (ua.port !== ub.port) return `the port (${ua.host} vs ${ub.host})`;
    } else if (ua.origin === ub.origin) {
      return `the path (${ua.pathname} vs ${ub.pathname})`;
    }
  } catch {
    // not URLs: no detail
  }
  return undefined;
}

export const issuerMetadata = defineCheck<RequestEvidence>('token-issuer-metadata', (e) => {
  const jwt = refusedJwt(e);
  const meta = e.token?.issuer;
  const iss = jwt && claimString(jwt, 'iss');
  if (!jwt || iss === undefined) return [];
  const out: RawFinding[] = [];
  if (meta?.issuer !== undefined && meta.issuer !== iss) {
    const how = issuerDifference(iss, meta.issuer);
    out.push(
      finding(
        'token.wrong-issuer',
        'definitive',
        [
          `the token's iss is "${iss}"; the issuer's metadata (${meta.url ?? 'discovery'}) says issuer "${meta.issuer}"${how ? `: they differ by ${how}` : ''}`,
        ],
        { iss, discovered: meta.issuer },
      ),
    );
  }
  const servers = e.token?.resource?.authorizationServers;
  if (servers !== undefined && servers.length > 0 && !servers.includes(iss)) {
    const near = servers.find((s) => issuerDifference(iss, s) !== undefined);
    const how = near !== undefined ? issuerDifference(iss, near) : undefined;
    out.push(
      finding(
        'token.wrong-issuer',
        'definitive',
        `the API's protected resource metadata (RFC 9728) trusts ${servers.map((s) => `"${s}"`).join(', ')}; the token's iss is "${iss}"${how ? ` (they differ by ${how})` : ''}`,
        { iss, trusted: servers.join(' ') },
      ),
    );
  }
  const kid = headerString(jwt, 'kid');
  const keys = meta?.keys;
  if (meta && kid !== undefined && keys !== undefined && meta.keysTotal === undefined) {
    const kids = keys.map((k) => k['kid']).filter((k): k is string => k !== undefined);
    if (!kids.includes(kid))
      out.push(
        finding(
          'token.unknown-key',
          'definitive',
          `the token's kid "${kid}" is not among the ${keys.length} key(s) ${meta.jwksUri ?? 'the issuer'} publishes${kids.length > 0 ? ` (${kids.slice(0, 6).join(', ')}${kids.length > 6 ? ', …' : ''})` : ''}`,
          {
            kid,
            ...(meta.jwksUri !== undefined ? { jwksUri: meta.jwksUri } : {}),
            published: kids.slice(0, 20),
          },
        ),
      );
  }
  return out;
});

export const resourceAudience = defineCheck<RequestEvidence>('token-resource-audience', (e) => {
  const jwt = refusedJwt(e);
  const resource = e.token?.resource?.resource;
  if (!jwt || resource === undefined) return [];
  const aud = audiences(jwt);
  if (aud.includes(resource)) return [];
  return [
    finding(
      'token.wrong-audience',
      'definitive',
      `the API's protected resource metadata (RFC 9728, ${e.token?.resource?.url ?? ''}) says resource "${resource}"; the token's aud is ${aud.length > 0 ? aud.map((a) => `"${a}"`).join(', ') : 'missing'}`,
      { resource, ...(aud.length > 0 ? { aud: aud.join(' ') } : {}) },
    ),
  ];
});
