const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

/** One PEM certificate: its block as written, and its base64 without whitespace (its identity). */
export interface PemBlock {
  readonly pem: string;
  readonly body: string;
}

/**
 * Each PEM certificate in `text`, once, in order (bundles repeat roots): what the bundle, the
 * JKS store and the proxy's upstream roots are all made of. indexOf rather than one lazy regular
 * expression: a few hundred KB of roots, read at start.
 */
export function pemBlocks(text: string): PemBlock[] {
  const seen = new Set<string>();
  const out: PemBlock[] = [];
  for (let at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at)) {
    const end = text.indexOf(END, at);
    if (end < 0) break;
    const body = text.slice(at + BEGIN.length, end).replace(/\s+/g, '');
    const pem = text.slice(at, end + END.length);
    at = end + END.length;
    if (body === '' || seen.has(body)) continue;
    seen.add(body);
    out.push({ pem, body });
  }
  return out;
}
