import { X509Certificate } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CertificateAuthority } from './certs.js';
import { CA_VARIABLES, forwardEnv, PROXY_VARIABLES, writeTrustFiles } from './trust.js';

describe('writeTrustFiles: the Java trust store', () => {
  const root = mkdtempSync(join(tmpdir(), 'why401-trust-test-'));
  const before = process.env['TMPDIR'];
  afterEach(() => {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const ca = new CertificateAuthority();

  it('a JKS beside the bundle (0600), ending with the run’s CA, named in JAVA_TOOL_OPTIONS', () => {
    process.env['TMPDIR'] = root;
    const files = writeTrustFiles(ca.certPem, {});
    try {
      const store = files.javaTrustStore ?? '';
      expect(store).toBe(join(files.dir, 'trust.jks'));
      expect(statSync(store).mode & 0o777).toBe(0o600);
      const bytes = readFileSync(store);
      expect(bytes.subarray(0, 4).toString('hex')).toBe('feedfeed');
      // The run's CA is the bundle's last certificate, so the store's last entry, just before
      // the 20-byte digest.
      const der = new X509Certificate(ca.certPem).raw;
      expect(bytes.subarray(-20 - der.length, -20)).toEqual(der);
      const env = forwardEnv('http://127.0.0.1:4000', files, {
        JAVA_TOOL_OPTIONS: '-Xss2m',
        RUBYOPT: ' -rbundler/setup ',
      });
      expect(env['JAVA_TOOL_OPTIONS']).toMatch(
        new RegExp(`^-Xss2m .*-Djavax\\.net\\.ssl\\.trustStore=${store} `),
      );
      // Ruby's loopback helper, required after the user's own switches.
      expect(files.rubyHelper).toBe(join(files.dir, 'why401_loopback.rb'));
      expect(env['RUBYOPT']).toBe(`-rbundler/setup -r${files.rubyHelper}`);
    } finally {
      files.remove();
    }
    expect(existsSync(files.dir)).toBe(false);
  });

  it('a temp folder whose path holds a space: no store (the JVM would split the option), HTTPS not sent to the proxy', () => {
    const spaced = join(root, 'with space');
    mkdirSync(spaced);
    process.env['TMPDIR'] = spaced;
    const files = writeTrustFiles(ca.certPem, {});
    try {
      expect(files.bundleFile).toBeDefined();
      expect(files.javaTrustStore).toBeUndefined();
      expect(files.rubyHelper).toBeUndefined();
      const env = forwardEnv('http://127.0.0.1:4000', files, { RUBYOPT: '-W0' });
      expect(env['JAVA_TOOL_OPTIONS']).toBe(
        '-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=4000 -Dhttp.nonProxyHosts=',
      );
      // RUBYOPT is split on spaces too: the user's is left as it was.
      expect(env['RUBYOPT']).toBeUndefined();
    } finally {
      files.remove();
    }
  });

  it('--no-intercept-tls: no CA, no store', () => {
    process.env['TMPDIR'] = root;
    const files = writeTrustFiles(undefined, {});
    try {
      expect(files.javaTrustStore).toBeUndefined();
    } finally {
      files.remove();
    }
  });

  it('wget: WGETRC names the user’s wgetrc plus the bundle; the CA their wgetrc named stays trusted', () => {
    process.env['TMPDIR'] = root;
    const home = mkdtempSync(join(root, 'home-'));
    const theirs = new CertificateAuthority().certPem;
    writeFileSync(join(home, 'corp.pem'), theirs);
    writeFileSync(join(home, '.wgetrc'), 'tries = 2\nca_certificate = ~/corp.pem\n');
    const files = writeTrustFiles(ca.certPem, { HOME: home });
    try {
      const env = forwardEnv('http://127.0.0.1:4000', files, { HOME: home });
      expect(env['WGETRC']).toBe(join(files.dir, 'wgetrc'));
      const wgetrc = readFileSync(env['WGETRC'] ?? '', 'utf8');
      expect(wgetrc).toMatch(/^tries = 2\n/);
      expect(wgetrc).toMatch(new RegExp(`ca_certificate = ${files.bundleFile}\n$`));
      expect(readFileSync(files.bundleFile ?? '', 'utf8')).toContain(theirs.trim());
    } finally {
      files.remove();
    }
  });

  it.each(CA_VARIABLES)(
    '%s: given the bundle, which keeps the certificates of the file the user had named there',
    (name) => {
      process.env['TMPDIR'] = root;
      const theirs = new CertificateAuthority().certPem;
      const file = join(root, `${name}.pem`);
      writeFileSync(file, theirs);
      const files = writeTrustFiles(ca.certPem, { [name]: file });
      try {
        const env = forwardEnv('http://127.0.0.1:4000', files, { [name]: file });
        const given = env[name] ?? '';
        expect(given.startsWith(files.dir)).toBe(true);
        expect(readFileSync(given, 'utf8')).toContain(theirs.trim());
        expect(readFileSync(given, 'utf8')).toContain(ca.certPem.trim());
        for (const proxy of PROXY_VARIABLES) expect(env[proxy]).toBe('http://127.0.0.1:4000');
      } finally {
        files.remove();
      }
    },
  );
});
