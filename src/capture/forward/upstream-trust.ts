import * as tls from 'node:tls';
import type { UpstreamPool } from '../relay/upstream-pool.js';
import { pemBlocks } from './pem.js';

/** What to do with an app's CONNECT: end its TLS here (and see it), or pass it on untouched. */
export type Passage = 'intercept' | 'tunnel';

/** How long an app's TLS handshake waits for the API's before it is intercepted anyway. */
const WAIT_MS = 10_000;

/** Certificate verification failures (OpenSSL's and Node's codes), not network or protocol ones. */
const CERTIFICATE_ERROR =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT(_LOCALLY)?|VERIFY_LEAF_SIGNATURE|DECRYPT_CERT_SIGNATURE)|CERT_[A-Z_]+|INVALID_CA|PATH_LENGTH_EXCEEDED|INVALID_PURPOSE|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH)$/;

/** What is wrong with a certificate, after "its certificate" (the code kept for a search). */
export function certificateProblem(code: string): string {
  const roots = "does not verify against the system's roots or your CA files";
  if (/SELF_SIGNED/.test(code)) return `${roots} (self-signed? ${code})`;
  if (/^UNABLE_TO_(GET_ISSUER|VERIFY_LEAF)/.test(code))
    return `${roots} (a company's or a local CA? ${code})`;
  if (code === 'CERT_HAS_EXPIRED') return `has expired (${code})`;
  if (code === 'CERT_NOT_YET_VALID') return `is not valid yet (the clock? ${code})`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH')
    return `does not name this host (${code})`;
  return `does not verify (${code})`;
}

/**
 * Whether the API's certificate verifies against what the app was told to trust, per upstream
 * (a pool: one host, or one --map target, through one proxy of the user's). Until one handshake
 * has verified, an app's handshake with the proxy waits for the API's (the one `warm()` opens at
 * CONNECT); if it fails on the certificate, the app's connection goes on untouched to the API,
 * which answers the app's own ClientHello: the app sees the real certificate and decides, as it
 * would without why401 (its own CA setting, or its own TLS error), instead of a 502.
 */
export class UpstreamTrust {
  readonly #known = new WeakMap<UpstreamPool, Passage>();
  readonly #pending = new WeakMap<UpstreamPool, Promise<Passage>>();
  /** Why each tunnelled upstream is (certificateProblem's words). */
  readonly #problems = new WeakMap<UpstreamPool, string>();
  #context: tls.SecureContext | undefined;
  #made = false;

  constructor(
    /** The roots (PEM): the system's, Node's and the user's CA files; absent: Node's own. */
    private readonly roots: readonly string[] | undefined,
  ) {}

  /** What is wrong with a tunnelled upstream's certificate (after "its certificate"). */
  problem(pool: UpstreamPool): string | undefined {
    return this.#problems.get(pool);
  }

  /**
   * The context the API's certificate is verified with, made once, at the first connection:
   * Node's roots plus those it lacks (undefined: none, Node's own context will do).
   */
  context(): tls.SecureContext | undefined {
    if (!this.#made && this.roots !== undefined) this.#context = withRoots(this.roots);
    this.#made = true;
    return this.#context;
  }

  /**
   * The passage for a CONNECT to `pool`'s upstream; the API's handshake starts now (warm) when
   * the passage is not `tunnel`. `waits` false: intercepted at once, whatever the certificate
   * (--insecure accepts any; a --map's target is where the user sent the calls to be seen).
   */
  passage(pool: UpstreamPool, waits: boolean): Passage | Promise<Passage> {
    const known = this.#known.get(pool);
    if (known === 'tunnel') return known;
    const socket = pool.warm();
    if (!waits || known === 'intercept') return 'intercept';
    const pending = this.#pending.get(pool);
    if (pending) return pending;
    // No new connection: an idle one is there, which served a call (so it verified), or plain
    // http (a --map to http://) has no certificate.
    if (!(socket instanceof tls.TLSSocket)) return 'intercept';
    const settled = this.#watch(socket).then((outcome) => {
      this.#pending.delete(pool);
      if (outcome === undefined) return 'intercept'; // not the certificate: the relay says what
      if (outcome === 'verified') this.#known.set(pool, 'intercept');
      else {
        this.#known.set(pool, 'tunnel');
        this.#problems.set(pool, certificateProblem(outcome));
      }
      return outcome === 'verified' ? 'intercept' : 'tunnel';
    });
    this.#pending.set(pool, settled);
    return settled;
  }

  /** 'verified', a certificate error's code, or undefined (another failure, or too long). */
  #watch(socket: tls.TLSSocket): Promise<string | undefined> {
    return new Promise((resolve) => {
      const done = (outcome: string | undefined) => {
        clearTimeout(timer);
        socket.removeListener('secureConnect', onSecure);
        socket.removeListener('error', onError);
        socket.removeListener('close', onClose);
        resolve(outcome);
      };
      const onSecure = () => done('verified');
      const onError = (e: NodeJS.ErrnoException) =>
        done(e.code !== undefined && CERTIFICATE_ERROR.test(e.code) ? e.code : undefined);
      const onClose = () => done(undefined);
      const timer = setTimeout(() => done(undefined), WAIT_MS);
      timer.unref();
      socket.once('secureConnect', onSecure);
      socket.once('error', onError);
      socket.once('close', onClose);
    });
  }
}

/**
 * A context trusting Node's roots and `roots`. The system's list is mostly Node's (the same
 * Mozilla list): parsing all of it costs about 30 ms of CPU, adding the few Node lacks to a copy of
 * Node's parsed store (what NODE_EXTRA_CA_CERTS does) about 5 ms (Debian: 22 of 144).
 */
function withRoots(roots: readonly string[]): tls.SecureContext | undefined {
  const known = new Set(tls.rootCertificates.flatMap((pem) => pemBlocks(pem).map((b) => b.body)));
  const more = new Map<string, string>();
  for (const text of roots)
    for (const { body, pem } of pemBlocks(text)) if (!known.has(body)) more.set(body, pem);
  if (more.size === 0) return undefined;
  const context = tls.createSecureContext();
  // The native context's addCACert copies Node's root store before adding (node's crypto_context.cc).
  const native = (context as { context?: { addCACert?: (pem: string) => void } }).context;
  if (typeof native?.addCACert !== 'function')
    return tls.createSecureContext({ ca: [...tls.rootCertificates, ...more.values()] });
  for (const pem of more.values()) native.addCACert(pem);
  return context;
}
