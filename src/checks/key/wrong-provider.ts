import { shownPrefix } from '../../secret/secret.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { sameVendor } from './vendor.js';

/** The key's shape names another provider than the one it is sent to. */
export const keyWrongProvider = defineCheck<KeyEvidence>(
  'key-wrong-provider',
  ({ matches, expected }) => {
    if (!expected) return [];
    const specific = matches.filter((m) => !m.shape.generic);
    if (specific.length === 0) return [];
    // providers that serve the same host take each other's keys (GitHub and GitHub Apps)
    const hosts = new Set(expected.provider.hosts);
    const sameApi = (p: { id: string; hosts: readonly string[] }) =>
      p.id === expected.provider.id || p.hosts.some((h) => hosts.has(h));
    // The provider's own shape fits: its key, unless that shape is a bare length and charset
    // (Cloudflare's 40 characters) while another provider's prefix (`ghp_`) names the key.
    const own = matches.filter((m) => sameApi(m.provider));
    const named = specific.filter((m) => !sameApi(m.provider) && m.shape.prefix);
    if (
      own.length > 0 &&
      (own.some((m) => !m.shape.generic && m.shape.prefix) || named.length === 0)
    )
      return [];
    // Another entry of the same vendor (a Google API key sent to Vertex AI): key.wrong-type.
    const others = (own.length > 0 ? named : specific).filter(
      (m) => !sameVendor(m.provider, expected.provider),
    );
    if (others.length === 0) return [];
    const owners = [...new Set(others.map((m) => m.provider.name))];
    const prefix = others[0]?.shape.prefix;
    const why = expected.by === 'host' ? 'the request goes to its host' : '--provider says so';
    return [
      finding(
        'key.wrong-provider',
        'definitive',
        `the key has the shape of ${owners.join(' or ')}${prefix ? ` (prefix ${shownPrefix(prefix)})` : ''}, ` +
          `but it is used for ${expected.provider.name} (${why})`,
        {
          keyProvider: others[0]?.provider.id ?? null,
          hostProvider: expected.provider.id,
        },
      ),
    ];
  },
);
