import { isIPv4, isIPv6 } from 'node:net';

/** Where a CONNECT asks to go: a host a leaf may be minted for, and a port. */
export interface ConnectTarget {
  /** A DNS name (lower case), an IPv4 literal, or an IPv6 literal without its brackets. */
  readonly host: string;
  readonly port: number;
}

/** A DNS label as clients send it (IDNs already punycode): letters, digits, `-`, `_`; 1–63. */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * The `host:port` of a CONNECT (`[::1]:443` too), or undefined when the host is no name a
 * client could have resolved: a NUL, spaces, raw unicode, a wildcard (`*.example.com` would
 * make a leaf valid for every subdomain), an empty label, more than 253 characters. Only what
 * passes here gets a leaf, or a connection.
 */
export function connectTarget(target: string): ConnectTarget | undefined {
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(target);
  if (!m) return undefined;
  const port = Number(m[3]);
  if (!(port > 0 && port < 65536)) return undefined;
  // A zone (`fe80::1%eth0`) names an interface of the client's machine: no certificate holds one.
  if (m[1] !== undefined)
    return isIPv6(m[1]) && !m[1].includes('%') ? { host: m[1].toLowerCase(), port } : undefined;
  const host = (m[2] ?? '').toLowerCase();
  if (isIPv4(host)) return { host, port };
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length === 0 || name.length > 253) return undefined;
  return name.split('.').every((label) => LABEL.test(label)) ? { host, port } : undefined;
}
