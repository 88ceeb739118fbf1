import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { pemBlocks } from './pem.js';

describe('pemBlocks', () => {
  const [a = '', b = ''] = rootCertificates;
  it('each certificate once, in order, its block as written and its body without whitespace', () => {
    const rewrapped = a.replace(/\n/g, '\r\n'); // the same certificate, other line endings
    const blocks = pemBlocks(`junk\n${a}\n${b}\n${rewrapped}\n-----BEGIN CERTIFICATE-----`);
    expect(blocks.map((x) => x.pem)).toEqual([a.trim(), b.trim()]);
    expect(blocks[0]?.body).not.toMatch(/\s/);
  });
  it('nothing from text without a certificate', () => {
    expect(pemBlocks('no certificate here')).toEqual([]);
  });
});
