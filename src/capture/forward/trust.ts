import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';

/** Where the system keeps its roots as one PEM file (Debian, Ubuntu, Alpine; Fedora, RHEL). */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'];

/** The variables each runtime reads for a CA file (the bundle: system roots + the run's CA). */
export const CA_VARIABLES = [
  'SSL_CERT_FILE',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'NODE_EXTRA_CA_CERTS',
  'GIT_SSL_CAINFO',
  'AWS_CA_BUNDLE',
  'CARGO_HTTP_CAINFO',
  'PIP_CERT',
] as const;

export interface TrustFiles {
  /** The private folder (0700) holding both files. */
  readonly dir: string;
  /** The run's CA certificate alone (public). */
  readonly caFile: string;
  /** The system's roots, node's, and the run's CA: what the child is told to trust. */
  readonly bundleFile: string;
  /** Deletes the folder (also done at exit, whatever ends the process). */
  remove(): void;
}

/**
 * The CA certificate and the bundle in a private temp folder, removed when why401 exits: by
 * `remove()` when the command ends, and by an 'exit' hook for any other way out.
 */
export function writeTrustFiles(caPem: string): TrustFiles {
  const dir = mkdtempSync(join(tmpdir(), 'why401-ca-')); // 0700
  const caFile = join(dir, 'ca.pem');
  const bundleFile = join(dir, 'bundle.pem');
  writeFileSync(caFile, caPem, { mode: 0o600 });
  const system = SYSTEM_BUNDLES.find((file) => existsSync(file));
  const parts = [system ? readFileSync(system, 'utf8') : '', ...rootCertificates, caPem];
  writeFileSync(bundleFile, parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join(''), {
    mode: 0o600,
  });
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  return { dir, caFile, bundleFile, remove };
}

/** The child's proxy and trust variables; NO_PROXY stays as the user had it. */
export function forwardEnv(
  proxyOrigin: string,
  bundleFile: string | undefined,
): Record<string, string> {
  const env: Record<string, string> = {
    HTTP_PROXY: proxyOrigin,
    HTTPS_PROXY: proxyOrigin,
    http_proxy: proxyOrigin,
    https_proxy: proxyOrigin,
  };
  if (bundleFile !== undefined) for (const name of CA_VARIABLES) env[name] = bundleFile;
  return env;
}
