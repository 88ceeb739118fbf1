import { BlockList, isIP } from 'node:net';
import type { ProxyChoice } from '../evidence/wire.js';
import { registerSecretValue } from '../secret/scrub.js';

export type { ProxyChoice };

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): { value: string; from: string } | undefined {
  for (const n of [name.toLowerCase(), name.toUpperCase()]) {
    const v = env[n];
    if (v !== undefined && v.trim() !== '') return { value: v.trim(), from: n };
  }
  return undefined;
}

/**
 * Which proxy a common client would use for a URL, read from the environment the way curl,
 * undici's EnvHttpProxyAgent and requests do: lowercase before uppercase, https falling back to
 * ALL_PROXY, NO_PROXY with suffixes, ports and `*`.
 */
export function proxyFromEnv(target: URL, env: Env = process.env): ProxyChoice | undefined {
  if (isExcluded(target, read(env, 'no_proxy')?.value ?? '')) return undefined;
  const scheme = target.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  const found = read(env, scheme) ?? read(env, 'all_proxy');
  if (!found) return undefined;
  const url = parseProxyUrl(found.value);
  return url ? { url, from: found.from } : undefined;
}

/**
 * The proxy variable a common client would use for this URL when why401 cannot (a `socks5://`
 * proxy, or a value that is no URL): the variable and the scheme, never the value (it may hold a
 * password). Going around it would diagnose another path than the app's.
 */
export function unsupportedProxy(
  target: URL,
  env: Env = process.env,
): { readonly from: string; readonly scheme: string | undefined } | undefined {
  if (isExcluded(target, read(env, 'no_proxy')?.value ?? '')) return undefined;
  const scheme = target.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  const found = read(env, scheme) ?? read(env, 'all_proxy');
  if (!found || parseProxyUrl(found.value)) return undefined;
  const named = /^([a-z][a-z0-9+.-]*):\/\//i.exec(found.value)?.[1]?.toLowerCase();
  return { from: found.from, scheme: named };
}

export function parseProxyUrl(value: string): URL | undefined {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    if (url.password) {
      // the proxy's password is a credential too: never in any output
      registerSecretValue(url.password);
      registerSecretValue(
        url.password.replace(/%([0-9a-f]{2})/gi, (_, h: string) =>
          String.fromCharCode(parseInt(h, 16)),
        ),
      );
    }
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * NO_PROXY: comma or space separated; `*` all; `.example.com`/`*.example.com`/`example.com`
 * suffixes; `host:port`; CIDR blocks for IP addresses (`127.0.0.0/8`, `fd00::/8`), as curl
 * (7.86+), Go and undici read them.
 */
export function isExcluded(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inSubnet(host, entry)) return true;
      continue;
    }
    // `[::1]:8080`, a bare IPv6 address (colons, no port), or `host:port`
    const m = entry.startsWith('[')
      ? /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
      : (entry.match(/:/g)?.length ?? 0) > 1
        ? [entry, entry]
        : /^(.*?)(?::(\d+))?$/.exec(entry);
    const name = (m?.[1] ?? entry).replace(/^\*?\./, '');
    const entryPort = m?.[2];
    if (entryPort && entryPort !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** Is `host` (an IP address) inside `cidr`? A name, or an entry that is not a block: no. */
function inSubnet(host: string, cidr: string): boolean {
  const [base = '', bits = ''] = cidr.split('/');
  const family = isIP(base);
  const prefix = Number(bits);
  if (family === 0 || isIP(host) !== family || !/^\d{1,3}$/.test(bits)) return false;
  if (prefix > (family === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  list.addSubnet(base, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
