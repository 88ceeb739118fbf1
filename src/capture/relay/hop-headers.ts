/** Headers that belong to one connection, not to the message: a proxy never passes them on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

function dropped(pairs: readonly (readonly [string, string])[]): ReadonlySet<string> {
  let drop: Set<string> | undefined;
  for (const [name, value] of pairs) {
    if (name.length !== 10 || name.toLowerCase() !== 'connection') continue;
    for (const token of value.split(',')) {
      const t = token.trim().toLowerCase();
      if (!HOP_BY_HOP.has(t)) (drop ??= new Set(HOP_BY_HOP)).add(t);
    }
  }
  return drop ?? HOP_BY_HOP;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The request's headers for the API, as a flat raw list (order, spelling, repeats and exact
 * values kept): hop-by-hop headers dropped (kept for an upgrade: its Connection and Upgrade are
 * the handshake), Host set to the API's.
 */
export function upstreamRequestHeaders(
  pairs: readonly (readonly [string, string])[],
  host: string,
  { upgrade = false } = {},
): string[] {
  const drop = upgrade ? NONE : dropped(pairs);
  const out: string[] = [];
  let hostSet = false;
  for (const [name, value] of pairs) {
    const n = name.toLowerCase();
    if (n === 'host') {
      if (!hostSet) out.push(name, host);
      hostSet = true;
    } else if (!drop.has(n)) out.push(name, value);
  }
  if (!hostSet) out.unshift('Host', host);
  return out;
}

/** The answer's headers for the app, from `rawHeaders`: hop-by-hop headers dropped. */
export function downstreamResponseHeaders(raw: readonly string[]): string[] {
  const pairs = pairsOf(raw);
  const drop = dropped(pairs);
  const out: string[] = [];
  for (const [name, value] of pairs) if (!drop.has(name.toLowerCase())) out.push(name, value);
  return out;
}

/** node:http's flat `rawHeaders` as [name, value] pairs. */
export function pairsOf(raw: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return pairs;
}
