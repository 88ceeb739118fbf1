/**
 * The token's signature against the key its issuer publishes under its `kid` (node:crypto, no
 * I/O: the key came from discovery). RS*, PS*, ES*, EdDSA; an HS* token is signed with a shared
 * secret, which cannot be checked here: when the issuer publishes only public keys, that is the
 * HS256-vs-RS256 mistake itself.
 */
import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';
import type { PublishedKey } from '../../evidence/token.js';
import { claimString, headerString, refusedJwt } from './shared.js';

const HASH: Readonly<Record<string, string>> = {
  '256': 'sha256',
  '384': 'sha384',
  '512': 'sha512',
};

/**
 * Does `signingInput` carry `signature` by `key` under `alg`? true / false, or undefined when
 * it cannot be told (an alg this does not check, a key that does not import).
 */
export function verifies(
  alg: string,
  key: PublishedKey,
  signingInput: string,
  signature: Buffer,
): boolean | undefined {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: { ...key } as never, format: 'jwk' });
  } catch {
    return undefined;
  }
  const data = Buffer.from(signingInput);
  const family = alg.slice(0, 2);
  const hash = HASH[alg.slice(2)];
  try {
    if (alg === 'EdDSA' || alg === 'Ed25519') return verify(null, data, publicKey, signature);
    if (hash === undefined) return undefined;
    if (family === 'RS') return verify(hash, data, publicKey, signature);
    if (family === 'PS')
      return verify(
        hash,
        data,
        {
          key: publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        },
        signature,
      );
    if (family === 'ES')
      return verify(hash, data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false; // a key of another type than the alg says (an EC key for RS256): no match
  }
  return undefined;
}

export const tokenSignature = defineCheck<RequestEvidence>('token-signature', (e) => {
  const jwt = refusedJwt(e);
  const meta = e.token?.issuer;
  const keys = meta?.keys;
  if (!jwt || !e.credential || !keys || keys.length === 0) return [];
  const alg = headerString(jwt, 'alg') ?? '';
  const kid = headerString(jwt, 'kid');
  const iss = claimString(jwt, 'iss');
  const data = {
    alg,
    ...(kid !== undefined ? { kid } : {}),
    ...(iss !== undefined ? { iss } : {}),
  };
  if (/^HS/i.test(alg)) {
    // A shared secret: not checkable. The issuer publishing public keys only is the finding.
    if (keys.some((k) => k['kty'] === 'oct')) return [];
    return [
      finding(
        'token.bad-signature',
        'definitive',
        `the token is signed ${alg} (a shared secret: it cannot be checked without that secret), while its issuer publishes only public keys (${[...new Set(keys.map((k) => k['alg'] ?? k['kty'] ?? '?'))].join(', ')}): a validator using the published keys refuses it`,
        data,
      ),
    ];
  }
  const key =
    kid !== undefined
      ? keys.find((k) => k['kid'] === kid)
      : keys.length === 1
        ? keys[0]
        : undefined;
  if (!key) return [];
  const token = e.credential.meant;
  const dot = token.lastIndexOf('.');
  const ok = verifies(
    alg,
    key,
    token.slice(0, dot),
    Buffer.from(token.slice(dot + 1), 'base64url'),
  );
  if (ok !== false) return [];
  return [
    finding(
      'token.bad-signature',
      'definitive',
      `the ${alg} signature does not verify with the key ${kid !== undefined ? `"${kid}" ` : ''}published at ${meta?.jwksUri ?? 'the issuer'}`,
      data,
    ),
  ];
});
