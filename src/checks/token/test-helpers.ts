/** Helpers for the token checks' tests: real signed JWTs (node:crypto), keys as JWKs. */
import {
  constants,
  createPrivateKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import type { PublishedKey } from '../../evidence/token.js';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

export interface TestKey {
  readonly alg: string;
  readonly privateKey: KeyObject;
  readonly jwk: PublishedKey;
}

/** A fresh key pair for `alg` (RS*, PS*, ES256/384, EdDSA), its public JWK named `kid`. */
export function testKey(alg: string, kid: string): TestKey {
  const pair =
    alg === 'EdDSA'
      ? generateKeyPairSync('ed25519')
      : alg.startsWith('ES')
        ? generateKeyPairSync('ec', { namedCurve: alg === 'ES384' ? 'P-384' : 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = pair.publicKey.export({ format: 'jwk' }) as Record<string, string>;
  return { alg, privateKey: pair.privateKey, jwk: { ...jwk, kid, alg } };
}

/** A compact JWS signed with `key` (or HS256 with a random secret). */
export function signJwt(
  claims: object,
  key: TestKey | 'HS256',
  header: Record<string, string> = {},
): string {
  const alg = key === 'HS256' ? 'HS256' : key.alg;
  const input = `${b64({ alg, typ: 'at+jwt', ...(key !== 'HS256' ? { kid: key.jwk['kid'] } : {}), ...header })}.${b64(claims)}`;
  if (key === 'HS256')
    return `${input}.${Buffer.from('not-checkable-signature').toString('base64url')}`;
  const hash = alg === 'EdDSA' ? null : `sha${alg.slice(2)}`;
  const pk = createPrivateKey(key.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const signature = alg.startsWith('PS')
    ? sign(hash, Buffer.from(input), {
        key: pk,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      })
    : alg.startsWith('ES')
      ? sign(hash, Buffer.from(input), { key: pk, dsaEncoding: 'ieee-p1363' })
      : sign(hash, Buffer.from(input), pk);
  return `${input}.${signature.toString('base64url')}`;
}
