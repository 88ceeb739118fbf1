import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { javaToolOptions, JAVA_TRUST_STORE_PASSWORD } from './java.js';
import { jksTrustStore, pemCertificates } from './jks.js';
import { pemBlocks } from './pem.js';
import { pythonPathWith, writeRuntimeHelpers } from './helpers.js';
import { loopbackGoesStraight } from './loopback.js';
import { rubyOptWith, writeRubyHelper } from './ruby.js';
import { usersWgetrc, wgetrcCaFiles, writeWgetrc } from './wget.js';

/** Where the system keeps its roots as one PEM file (Debian, Ubuntu, Alpine; Fedora, RHEL). */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'];

/**
 * The variables programs read for a CA file, each given the bundle (system roots + the run's
 * CA + the user's own files); who reads which: docs/ARCHITECTURE.md, the forward proxy.
 */
export const CA_VARIABLES = [
  'SSL_CERT_FILE', // OpenSSL's default (Python, Ruby, PHP, Rust's native-tls, .NET), Go, uv
  'REQUESTS_CA_BUNDLE', // Python's requests (the Azure CLI too)
  'CURL_CA_BUNDLE', // the curl program
  'NODE_EXTRA_CA_CERTS', // Node, Bun (given the run's CA and the user's files only)
  'GIT_SSL_CAINFO',
  'AWS_CA_BUNDLE', // the AWS CLI and SDKs
  'CARGO_HTTP_CAINFO',
  'PIP_CERT',
  'DENO_CERT', // added to Deno's roots
  'PERL_LWP_SSL_CA_FILE', // Perl's LWP::UserAgent (instead of Mozilla::CA)
  'CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE', // gcloud
  'HTTPLIB2_CA_CERTS', // Python's httplib2 (older Google client libraries)
  'HEX_CACERTS_PATH', // Elixir's Hex (instead of its bundled roots)
  'NIX_SSL_CERT_FILE', // Nix-built programs
] as const;

/**
 * The variables programs read for an HTTP proxy, each given the run's: libcurl, Python, Go, Ruby,
 * Rust's reqwest, .NET, Deno, Bun, wget, git read these (lower case is libcurl's and wget's
 * reading for http); global-agent's, in a Node app that bootstraps it, for HTTPS too.
 */
export const PROXY_VARIABLES = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'http_proxy',
  'https_proxy',
  'GLOBAL_AGENT_HTTP_PROXY',
] as const;

export interface TrustFiles {
  /** The private folder (0700) holding the files and the runtime helpers. */
  readonly dir: string;
  /** The run's CA certificate alone (public); absent without a CA (`--no-intercept-tls`). */
  readonly caFile: string | undefined;
  /** The system's roots, node's, and the run's CA: what the child is told to trust. */
  readonly bundleFile: string | undefined;
  /**
   * The run's CA and the user's own CA files only: NODE_EXTRA_CA_CERTS adds to Node's built-in
   * roots, so a Node child is not made to load a few hundred roots twice at every start.
   */
  readonly extraFile: string | undefined;
  /**
   * The bundle's certificates as a Java KeyStore (JKS), for `-Djavax.net.ssl.trustStore`: Java
   * reads no PEM file there. Absent without a CA, or when the folder's path holds a space or a
   * quote (JAVA_TOOL_OPTIONS is split on spaces; older JVMs read no quotes there).
   */
  readonly javaTrustStore: string | undefined;
  /** The user's wgetrc and `ca_certificate` naming the bundle, for WGETRC (wget.ts). */
  readonly wgetrc: string | undefined;
  /** The folder put first on PYTHONPATH (its sitecustomize.py: helpers.ts). */
  readonly pythonPath: string;
  /** Ruby's loopback helper, for RUBYOPT (ruby.ts); absent when the folder's path has a space. */
  readonly rubyHelper: string | undefined;
  /**
   * What the API's certificate is verified against by the proxy (PEM texts): the bundle minus the
   * run's CA, which is never trusted upstream. Absent without a CA (HTTPS is tunnelled).
   */
  readonly upstreamRoots: readonly string[] | undefined;
  /** Deletes the folder (also done at exit, whatever ends the process). */
  remove(): void;
}

/**
 * The CA certificate, the bundle and the runtime helpers in a private temp folder, removed when
 * why401 exits: by `remove()` when the command ends, and by an 'exit' hook for any other way out.
 */
export function writeTrustFiles(
  caPem: string | undefined,
  parent: NodeJS.ProcessEnv = process.env,
): TrustFiles {
  const dir = mkdtempSync(join(tmpdir(), 'why401-ca-')); // 0700
  let caFile: string | undefined;
  let bundleFile: string | undefined;
  let extraFile: string | undefined;
  let javaTrustStore: string | undefined;
  let wgetrc: string | undefined;
  let upstreamRoots: string[] | undefined;
  if (caPem !== undefined) {
    caFile = join(dir, 'ca.pem');
    bundleFile = join(dir, 'bundle.pem');
    writeFileSync(caFile, caPem, { mode: 0o600 });
    const system = SYSTEM_BUNDLES.find((file) => existsSync(file));
    const usersWget = usersWgetrc(parent);
    const users = usersCaFiles(parent, wgetrcCaFiles(usersWget.text, usersWget.home));
    const extras = [...users, caPem];
    const pem = (parts: string[]) => parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('');
    upstreamRoots = [system ? readFileSync(system, 'utf8') : '', ...rootCertificates, ...users];
    const bundle = pem([...upstreamRoots, caPem]);
    writeFileSync(bundleFile, bundle, { mode: 0o600 });
    extraFile = join(dir, 'extra.pem');
    writeFileSync(extraFile, pem(extras), { mode: 0o600 });
    wgetrc = writeWgetrc(dir, usersWget.text, bundleFile);
    // Written for every run, whatever the command: a JVM may be started by a script, a Gradle
    // wrapper or the app itself. About 170 certificates, 185 KB: 1.7 ms on a quiet CI core.
    if (!/[\s"']/.test(dir)) {
      javaTrustStore = join(dir, 'trust.jks');
      const store = jksTrustStore(pemCertificates(bundle), JAVA_TRUST_STORE_PASSWORD);
      writeFileSync(javaTrustStore, store, { mode: 0o600 });
    }
  }
  const { pythonPath } = writeRuntimeHelpers(dir);
  const rubyHelper = writeRubyHelper(dir);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  return {
    dir,
    caFile,
    bundleFile,
    extraFile,
    javaTrustStore,
    wgetrc,
    pythonPath,
    rubyHelper,
    upstreamRoots,
    remove,
  };
}

const MAX_CA_FILE = 4 * 1024 * 1024;

/**
 * The CA files the user already named in those variables (a company's CA in
 * NODE_EXTRA_CA_CERTS, a bundle in SSL_CERT_FILE…) and `more` (their wgetrc's): the run's
 * replace theirs, so the bundle carries what they trusted too. Only PEM certificates are kept.
 */
function usersCaFiles(parent: NodeJS.ProcessEnv, more: readonly string[]): string[] {
  const files = new Set([...CA_VARIABLES.map((name) => parent[name]), ...more].filter((v) => v));
  const out: string[] = [];
  for (const file of files) {
    try {
      if (file === undefined || !statSync(file).isFile() || statSync(file).size > MAX_CA_FILE)
        continue;
      out.push(...pemBlocks(readFileSync(file, 'utf8')).map((block) => block.pem));
    } catch {
      // unreadable: the user's own setting, not ours to fix
    }
  }
  return out;
}

/**
 * The child's proxy and trust variables, and the runtime helpers (PYTHONPATH first, Ruby's
 * after the user's RUBYOPT); NO_PROXY stays as the user had it. Java's proxy and trust store are
 * added to JAVA_TOOL_OPTIONS (java.ts).
 */
export function forwardEnv(
  proxyOrigin: string,
  files: Pick<
    TrustFiles,
    'bundleFile' | 'extraFile' | 'javaTrustStore' | 'wgetrc' | 'pythonPath' | 'rubyHelper'
  >,
  parent: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {
    PYTHONPATH: pythonPathWith(files.pythonPath, parent['PYTHONPATH']),
    JAVA_TOOL_OPTIONS: javaToolOptions(proxyOrigin, files, parent),
  };
  for (const name of PROXY_VARIABLES) env[name] = proxyOrigin;
  if (files.bundleFile !== undefined) for (const name of CA_VARIABLES) env[name] = files.bundleFile;
  if (files.extraFile !== undefined) env['NODE_EXTRA_CA_CERTS'] = files.extraFile;
  if (files.wgetrc !== undefined) env['WGETRC'] = files.wgetrc;
  // Ruby's loopback calls to the run's proxy only where it passes them straight on (loopback.ts).
  if (files.rubyHelper !== undefined && loopbackGoesStraight(parent))
    env['RUBYOPT'] = rubyOptWith(files.rubyHelper, parent['RUBYOPT']);
  return env;
}
