import { loopbackGoesStraight } from './loopback.js';

/**
 * The trust store's password: Java's well-known default (its own cacerts'), so code that reads
 * the property and code that assumes "changeit" both open it. It guards integrity only, of a file
 * in the run's 0700 folder, and JVMs print JAVA_TOOL_OPTIONS at start: it must be no secret.
 */
export const JAVA_TRUST_STORE_PASSWORD = 'changeit';

/**
 * JAVA_TOOL_OPTIONS for the run: the user's own first, then the run's proxy and trust store as
 * system properties (each JVM reads the variable at start, whoever starts it; a later -D wins,
 * and so does one on the java command line). Java reads no HTTP(S)_PROXY and no NO_PROXY, but its
 * default `http.nonProxyHosts` (`localhost|127.*|[::1]|0.0.0.0|[::0]`, for https too) skips the
 * loopback, where a local dev API lives. OpenJDK's DefaultProxySelector adds that default to any
 * non-empty value, so only an empty one lets loopback calls reach the proxy: set when the user's
 * JAVA_TOOL_OPTIONS name none (one on the command line, in JDK_JAVA_OPTIONS or _JAVA_OPTIONS
 * comes later and wins anyway), and the run's proxy would pass loopback calls straight on
 * (loopback.ts). The proxy itself is connected to, never selected for.
 *
 * HTTPS goes to the proxy only when the JVM will trust it: the run's store was written, and the
 * user names no trust store of their own (theirs is kept, and HTTPS goes straight, unseen), or
 * nothing is intercepted (--no-intercept-tls: tunnelled, no trust needed).
 */
export function javaToolOptions(
  proxyOrigin: string,
  trust: { readonly bundleFile: string | undefined; readonly javaTrustStore: string | undefined },
  parent: NodeJS.ProcessEnv,
): string {
  const user = parent['JAVA_TOOL_OPTIONS']?.trim() ?? '';
  const { hostname, port } = new URL(proxyOrigin);
  const options = [`-Dhttp.proxyHost=${hostname}`, `-Dhttp.proxyPort=${port}`];
  if (!/(^|\s)["']?-Dhttp\.nonProxyHosts=/.test(user) && loopbackGoesStraight(parent))
    options.push('-Dhttp.nonProxyHosts=');
  const usersStore = /(^|\s)-Djavax\.net\.ssl\.trustStore=/.test(user);
  const intercepting = trust.bundleFile !== undefined;
  const store = usersStore ? undefined : trust.javaTrustStore;
  if (!intercepting || store !== undefined)
    options.push(`-Dhttps.proxyHost=${hostname}`, `-Dhttps.proxyPort=${port}`);
  if (intercepting && store !== undefined)
    options.push(
      `-Djavax.net.ssl.trustStore=${store}`,
      '-Djavax.net.ssl.trustStoreType=JKS',
      `-Djavax.net.ssl.trustStorePassword=${JAVA_TRUST_STORE_PASSWORD}`,
    );
  return [user, ...options].filter((part) => part !== '').join(' ');
}
