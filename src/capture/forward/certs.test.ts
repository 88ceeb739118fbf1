import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertificateAuthority } from './certs.js';

describe('CertificateAuthority', () => {
  const ca = new CertificateAuthority();
  const caCert = new X509Certificate(ca.certPem);

  it('mints a leaf for the host asked for, signed by the CA, once per host', () => {
    const leaf = ca.leafFor('API.OpenAI.test');
    const cert = new X509Certificate(leaf.cert);
    expect(cert.subjectAltName).toBe('DNS:api.openai.test');
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(ca.leafFor('api.openai.test')).toBe(leaf);
  });

  it('keeps a bounded number of leaves: an old host is minted again, as valid', () => {
    const first = ca.leafFor('first.test');
    for (let i = 0; i < 1100; i++) ca.leafFor(`h${i}.test`);
    const again = ca.leafFor('first.test');
    expect(again).not.toBe(first);
    const cert = new X509Certificate(again.cert);
    expect(cert.subjectAltName).toBe('DNS:first.test');
    expect(cert.verify(caCert.publicKey)).toBe(true);
  });
});
