import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { CertificateAuthority } from './certs.js';
import { jksTrustStore, pemCertificates } from './jks.js';

/** Java's keytool, when a JDK or JRE is installed: it reads the store back as a JVM would. */
const HAS_KEYTOOL = spawnSync('keytool', ['-help'], { stdio: 'ignore' }).status === 0;

describe('jksTrustStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'why401-jks-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pemCertificates: each certificate once, in order, whatever surrounds it', () => {
    const [a, b] = rootCertificates;
    const text = `junk\n${a}\n# comment\n${b}\r\n${a}\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`;
    const ders = pemCertificates(text);
    expect(ders).toHaveLength(2);
    expect(new X509Certificate(ders[0] ?? Buffer.alloc(0)).raw).toEqual(
      new X509Certificate(a ?? '').raw,
    );
    expect(pemCertificates('no certificate here')).toEqual([]);
  });

  it('the layout: magic, version 2, count, then a 20-byte SHA-1 that depends on the password', () => {
    const der = pemCertificates(rootCertificates[0] ?? '');
    const store = jksTrustStore(der, 'changeit', 0);
    expect(store.readUInt32BE(0)).toBe(0xfeedfeed);
    expect(store.readUInt32BE(4)).toBe(2);
    expect(store.readUInt32BE(8)).toBe(1);
    expect(store.readUInt32BE(12)).toBe(2); // a trusted-certificate entry
    expect(store.length).toBe(12 + 4 + 2 + 6 + 8 + 2 + 5 + 4 + (der[0]?.length ?? 0) + 20);
    expect(jksTrustStore(der, 'other', 0).subarray(-20)).not.toEqual(store.subarray(-20));
    expect(jksTrustStore([], 'changeit', 0).readUInt32BE(8)).toBe(0);
  });

  it.skipIf(!HAS_KEYTOOL)(
    'keytool reads it back with its password (integrity checked), every certificate a trusted entry (skipped without keytool)',
    () => {
      const ca = new CertificateAuthority();
      const certs = pemCertificates([...rootCertificates, ca.certPem].join('\n'));
      const file = join(dir, 'trust.jks');
      writeFileSync(file, jksTrustStore(certs, 'changeit'));
      const list = spawnSync(
        'keytool',
        ['-list', '-keystore', file, '-storetype', 'JKS', '-storepass', 'changeit'],
        { encoding: 'utf8' },
      );
      expect(list.status, list.stderr + list.stdout).toBe(0);
      expect(list.stdout).toContain(`Your keystore contains ${certs.length} entries`);
      expect(list.stdout.match(/trustedCertEntry/g)).toHaveLength(certs.length);
      const last = new X509Certificate(ca.certPem).fingerprint256;
      expect(list.stdout).toContain(last);

      const wrong = spawnSync(
        'keytool',
        ['-list', '-keystore', file, '-storetype', 'JKS', '-storepass', 'not-it'],
        { encoding: 'utf8' },
      );
      expect(wrong.status).not.toBe(0);
      expect(wrong.stdout + wrong.stderr).toMatch(/tampered|password was incorrect/i);
      expect(readFileSync(file).subarray(0, 4).toString('hex')).toBe('feedfeed');
    },
  );
});
