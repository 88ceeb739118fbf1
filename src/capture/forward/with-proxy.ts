import { CertificateAuthority } from './certs.js';
import { startForwardProxy, type ForwardOptions, type ForwardProxy } from './forward-proxy.js';
import { writeTrustFiles, type TrustFiles } from './trust.js';

export interface ForwardSession {
  readonly proxy: ForwardProxy;
  /** The private folder's files: the CA, the bundle, the JKS store, the runtime helpers. */
  readonly trust: TrustFiles;
  /** The CA's certificate (PEM); absent when HTTPS is tunnelled. */
  readonly caPem: string | undefined;
}

/**
 * The intercepting forward proxy for as long as `use` runs (`run`, `capture --forward`): a CA
 * made for this session when `intercept` (its private key only in this process's memory), its
 * files in a private temp folder, the proxy listening. Then, whatever happens, the proxy is
 * closed and the folder removed (an 'exit' hook removes it on any other way out).
 */
export async function withForwardProxy<T>(
  options: Omit<ForwardOptions, 'ca'> & { readonly intercept: boolean },
  use: (session: ForwardSession) => Promise<T>,
): Promise<T> {
  const { intercept, ...proxyOptions } = options;
  const ca = intercept ? new CertificateAuthority() : undefined;
  const trust = writeTrustFiles(ca?.certPem);
  try {
    const proxy = await startForwardProxy({
      ...proxyOptions,
      ca,
      upstreamRoots: trust.upstreamRoots,
    });
    try {
      return await use({ proxy, trust, caPem: ca?.certPem });
    } finally {
      await proxy.close();
    }
  } finally {
    trust.remove();
  }
}
