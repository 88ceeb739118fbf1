import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { bits, bool, context, integer, octets, oid, sequence, set, time, utf8 } from './der.js';

/**
 * The run's certificate authority: made at start, its private key only in memory, never
 * written. Leaves are minted for the hosts the app asks for (CONNECT), with one ECDSA P-256
 * key shared by every leaf of the run, so a new host costs one signature (well under a
 * millisecond), not a key generation. See docs/ARCHITECTURE.md, "Certificates".
 */
export interface Leaf {
  /** PEM of the leaf certificate. */
  readonly cert: string;
  /** PEM (PKCS#8) of the leaves' key. */
  readonly key: string;
}

const ECDSA_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const HOUR = 3_600_000;
const MAX_LEAVES = 1024;

function name(commonName: string): Buffer {
  const rdn = (type: string, value: string) => set(sequence(oid(type), utf8(value)));
  // CN is at most 64 characters (RFC 5280 ub-common-name); the SAN is what clients check.
  return commonName.length <= 64
    ? sequence(rdn('2.5.4.10', 'why401 (this run only)'), rdn('2.5.4.3', commonName))
    : sequence(rdn('2.5.4.10', 'why401 (this run only)'));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), bool(true), octets(value)) : sequence(oid(id), octets(value));
}

function serial(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40; // positive, 16 bytes, never a leading zero
  return integer(bytes);
}

function keyId(spki: Buffer): Buffer {
  return createHash('sha1').update(spki).digest();
}

function pem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}

/** A subjectAltName entry: iPAddress for an IP literal, dNSName otherwise. */
function altName(host: string): Buffer {
  const family = isIP(host);
  if (family === 4) return context(7, false, Buffer.from(host.split('.').map(Number)));
  if (family === 6) return context(7, false, ipv6Bytes(host));
  return context(2, false, Buffer.from(host.toLowerCase(), 'latin1'));
}

function ipv6Bytes(host: string): Buffer {
  const [head = '', tail = ''] = host.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = groups(tail);
  const all = host.includes('::')
    ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t]
    : h;
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16) || 0, i * 2));
  return out;
}

export class CertificateAuthority {
  /** PEM of the CA certificate (public: what clients are told to trust). */
  readonly certPem: string;
  readonly #caKey: KeyObject;
  readonly #caName: Buffer;
  readonly #caKeyId: Buffer;
  readonly #leafKeyPem: string;
  readonly #leafSpki: Buffer;
  readonly #leaves = new Map<string, Leaf>();

  constructor(now = new Date()) {
    const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const leaf = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#caKey = ca.privateKey;
    const caSpki = ca.publicKey.export({ type: 'spki', format: 'der' });
    this.#caKeyId = keyId(caSpki);
    this.#caName = name(`why401 run CA ${randomBytes(4).toString('hex')}`);
    this.#leafKeyPem = leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    this.#leafSpki = leaf.publicKey.export({ type: 'spki', format: 'der' });
    const extensions = [
      extension('2.5.29.19', true, sequence(bool(true), integer(Buffer.from([0])))),
      extension('2.5.29.15', true, bits(Buffer.from([0x06]), 1)), // keyCertSign, cRLSign
      extension('2.5.29.14', false, octets(this.#caKeyId)),
    ];
    this.certPem = pem(this.#sign(this.#caName, caSpki, extensions, now));
  }

  /** The leaf for a host the app asked for, minted once per run. */
  leafFor(host: string, now = new Date()): Leaf {
    const key = host.toLowerCase();
    let leaf = this.#leaves.get(key);
    if (!leaf) {
      const extensions = [
        extension('2.5.29.19', true, sequence()),
        extension('2.5.29.15', true, bits(Buffer.from([0x80]), 7)), // digitalSignature
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))), // serverAuth
        extension('2.5.29.17', host.length > 64, sequence(altName(key))),
        extension('2.5.29.35', false, sequence(context(0, false, this.#caKeyId))),
      ];
      const der = this.#sign(name(key), this.#leafSpki, extensions, now);
      leaf = { cert: pem(der), key: this.#leafKeyPem };
      // Bounded: a run calling thousands of hosts keeps the newest (one signature to mint again).
      if (this.#leaves.size >= MAX_LEAVES)
        this.#leaves.delete(this.#leaves.keys().next().value as string);
      this.#leaves.set(key, leaf);
    }
    return leaf;
  }

  #sign(subject: Buffer, spki: Buffer, extensions: Buffer[], now: Date): Buffer {
    const tbs = sequence(
      context(0, true, integer(Buffer.from([2]))), // v3
      serial(),
      ECDSA_SHA256,
      this.#caName,
      sequence(time(new Date(now.getTime() - HOUR)), time(new Date(now.getTime() + 48 * HOUR))),
      subject,
      spki,
      context(3, true, sequence(...extensions)),
    );
    const signature = sign('sha256', tbs, this.#caKey);
    return sequence(tbs, ECDSA_SHA256, bits(signature));
  }
}
