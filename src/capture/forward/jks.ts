import { createHash } from 'node:crypto';
import { pemBlocks } from './pem.js';

/**
 * A Java KeyStore (JKS, version 2) holding trusted-certificate entries only: what a JVM reads
 * with `-Djavax.net.ssl.trustStore`. Java cannot read a PEM bundle there, and a PKCS12 file of
 * certificates alone is ignored unless each carries Oracle's trusted-key-usage attribute, so the
 * store is written here. The layout (OpenJDK's sun.security.provider.JavaKeyStore, engineStore):
 *
 *   magic 0xFEEDFEED, version 2, entry count (big-endian u32 each), then per entry:
 *   tag 2 (u32), alias (Java modified UTF-8: u16 length + bytes), creation time (u64 ms),
 *   certificate type "X.509" (same UTF form), DER length (u32), DER;
 *   then SHA-1 over (password as UTF-16BE, "Mighty Aphrodite" in UTF-8, every byte before).
 */
export function jksTrustStore(
  certificates: readonly Buffer[],
  password: string,
  now: number = Date.now(),
): Buffer {
  const parts: Buffer[] = [u32(0xfeedfeed), u32(2), u32(certificates.length)];
  certificates.forEach((der, index) => {
    parts.push(u32(2), utf(`cert-${index}`), u64(now), utf('X.509'), u32(der.length), der);
  });
  const body = Buffer.concat(parts);
  const digest = createHash('sha1')
    .update(Buffer.from(password, 'utf16le').swap16()) // UTF-16BE, as Java's chars
    .update('Mighty Aphrodite', 'utf8')
    .update(body)
    .digest();
  return Buffer.concat([body, digest]);
}

/** The DER of each PEM certificate in `text`, each once, in order (bundles repeat roots). */
export function pemCertificates(text: string): Buffer[] {
  return pemBlocks(text).map((block) => Buffer.from(block.body, 'base64'));
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(Math.max(0, Math.trunc(n))));
  return b;
};

/** Java's DataOutput.writeUTF for ASCII text (the aliases and the type here are ASCII). */
const utf = (text: string) => {
  const bytes = Buffer.from(text, 'ascii');
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
};
