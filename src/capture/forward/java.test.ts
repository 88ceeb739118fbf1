import { describe, expect, it } from 'vitest';
import { javaToolOptions } from './java.js';

const PROXY = 'http://127.0.0.1:40123';
const PROXY_HTTP = '-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=40123';
/** Empty: the loopback goes through the proxy too (a non-empty value keeps Java's default). */
const LOOPBACK = '-Dhttp.nonProxyHosts=';
const HTTP = `${PROXY_HTTP} ${LOOPBACK}`;
const HTTPS = '-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=40123';
const STORE =
  '-Djavax.net.ssl.trustStore=/tmp/why401-ca-x/trust.jks -Djavax.net.ssl.trustStoreType=JKS -Djavax.net.ssl.trustStorePassword=changeit';
const intercepting = {
  bundleFile: '/tmp/why401-ca-x/bundle.pem',
  javaTrustStore: '/tmp/why401-ca-x/trust.jks',
};

describe('javaToolOptions', () => {
  it.each([
    [
      'intercepting: the proxy for http and https, and the run’s trust store',
      intercepting,
      {},
      `${HTTP} ${HTTPS} ${STORE}`,
    ],
    [
      'the user’s own options come first and are kept (a later -D wins, so theirs stay for what the run does not set)',
      intercepting,
      { JAVA_TOOL_OPTIONS: '  -Xmx512m -Dhttp.nonProxyHosts=*.corp|localhost ' },
      `-Xmx512m -Dhttp.nonProxyHosts=*.corp|localhost ${PROXY_HTTP} ${HTTPS} ${STORE}`,
    ],
    [
      'a quoted nonProxyHosts of the user’s (JDK 17 reads quotes there) is kept: not set again',
      intercepting,
      { JAVA_TOOL_OPTIONS: '"-Dhttp.nonProxyHosts=localhost|*.dev"' },
      `"-Dhttp.nonProxyHosts=localhost|*.dev" ${PROXY_HTTP} ${HTTPS} ${STORE}`,
    ],
    [
      'a proxy of the user’s would get loopback calls (no NO_PROXY for them): Java’s default kept',
      intercepting,
      { HTTPS_PROXY: 'http://proxy.corp:3128' },
      `${PROXY_HTTP} ${HTTPS} ${STORE}`,
    ],
    [
      'another property that only ends like it is not the user’s nonProxyHosts',
      intercepting,
      { JAVA_TOOL_OPTIONS: '-Dapp.http.nonProxyHosts=x' },
      `-Dapp.http.nonProxyHosts=x ${HTTP} ${HTTPS} ${STORE}`,
    ],
    [
      'a trust store of the user’s: kept, and HTTPS goes straight rather than fail on the run’s CA',
      intercepting,
      { JAVA_TOOL_OPTIONS: '-Djavax.net.ssl.trustStore=/etc/company.jks' },
      `-Djavax.net.ssl.trustStore=/etc/company.jks ${HTTP}`,
    ],
    [
      'no store written (a folder path with a space): HTTPS goes straight',
      { bundleFile: intercepting.bundleFile, javaTrustStore: undefined },
      {},
      HTTP,
    ],
    [
      '--no-intercept-tls: HTTPS through the proxy as a tunnel, nothing to trust',
      { bundleFile: undefined, javaTrustStore: undefined },
      {},
      `${HTTP} ${HTTPS}`,
    ],
  ])('%s', (_name, trust, parent, expected) => {
    expect(javaToolOptions(PROXY, trust, parent)).toBe(expected);
  });
});
