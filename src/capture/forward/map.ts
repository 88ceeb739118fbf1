import { usageError } from '../../errors.js';

/** `--map HOST[:PORT]=ORIGIN`: what the app addresses to HOST (any port, or PORT) goes to ORIGIN. */
export interface HostMap {
  readonly host: string;
  readonly port: number | undefined;
  readonly origin: URL;
}

export function parseMap(spec: string): HostMap {
  const eq = spec.indexOf('=');
  const left = eq > 0 ? spec.slice(0, eq).trim().toLowerCase() : '';
  const right = eq > 0 ? spec.slice(eq + 1).trim() : '';
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/.exec(left);
  let origin: URL | undefined;
  try {
    origin = new URL(right);
  } catch {
    origin = undefined;
  }
  if (!m || !origin || (origin.protocol !== 'http:' && origin.protocol !== 'https:'))
    throw usageError(
      `--map takes HOST[:PORT]=ORIGIN (api.openai.com=http://127.0.0.1:3000), got "${spec.slice(0, 60)}"`,
    );
  if (origin.pathname !== '/' || origin.search !== '')
    throw usageError(`--map: ORIGIN is an origin, without a path: "${right.slice(0, 60)}"`);
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535))
    throw usageError(`--map: port ${port} is out of range`);
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, ''), port, origin: new URL(origin.origin) };
}

/** Where a call the app addresses to host:port goes: the first map that matches, or there. */
export function mappedOrigin(
  maps: readonly HostMap[],
  host: string,
  port: number,
): URL | undefined {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  for (const map of maps)
    if (map.host === h && (map.port === undefined || map.port === port)) return map.origin;
  return undefined;
}
