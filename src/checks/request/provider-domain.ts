import { PROVIDERS } from '../../providers/catalog/index.js';
import { matchKeyShapes } from '../../providers/detect.js';
import type { Provider } from '../../providers/types.js';
import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';

/** Link targets that say nothing about whose API answered: code hosts, standards, examples. */
const NEUTRAL = new Set([
  'github.com',
  'githubusercontent.com',
  'gitlab.com',
  'bitbucket.org',
  'stackoverflow.com',
  'w3.org',
  'ietf.org',
  'rfc-editor.org',
  'mozilla.org',
  'schema.org',
  'json-schema.org',
  'wikipedia.org',
  'example.com',
  'example.org',
  'example.net',
  'npmjs.com',
  'pypi.org',
]);

/** `console.mistral.ai` → `mistral.ai`; `api.example.co.uk` → `example.co.uk`. */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const tld = labels[labels.length - 1] ?? '';
  const sld = labels[labels.length - 2] ?? '';
  const three = tld.length === 2 && /^(co|com|net|org|ac|gov|edu|ne|or|go)$/.test(sld);
  return labels.slice(three ? -3 : -2).join('.');
}

let domains: ReadonlyMap<string, readonly Provider[]> | undefined;

/** Each provider's domains: its API hosts, regional hosts, validation URL, links in its error shapes. */
function domainIndex(): ReadonlyMap<string, readonly Provider[]> {
  if (domains) return domains;
  const index = new Map<string, Provider[]>();
  const add = (host: string, p: Provider) => {
    const clean = host.replace(/^\*\./, '').replace(/^[^.]*\*[^.]*\./, '');
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(clean)) return;
    const d = registrableDomain(clean);
    if (NEUTRAL.has(d)) return;
    const list = index.get(d) ?? [];
    if (!list.includes(p)) list.push(p);
    index.set(d, list);
  };
  for (const p of PROVIDERS) {
    for (const h of [...p.hosts, ...(p.regions ?? []).map((r) => r.host)]) add(h, p);
    const urls = [p.validate.url, ...p.errorShapes.map((e) => e.body)].join(' ');
    for (const m of urls.matchAll(/https?:\/\/([a-z0-9*-]+(?:\.[a-z0-9-]+)+)/gi))
      add(m[1] ?? '', p);
  }
  domains = index;
  return index;
}

/** `mailgun` of mailgun.net and mailgun.com, `googleapis` and `google`: one company's names. */
function sameBrand(a: string, b: string): boolean {
  const brand = (d: string) => d.split('.')[0] ?? d;
  const x = brand(a);
  const y = brand(b);
  return x.length >= 4 && y.length >= 4 && (x.includes(y) || y.includes(x));
}

/** Hosts people are sent to for help with a key: docs, consoles, dashboards. */
const HELP_HOST =
  /^(help|docs?|documentation|console|platform|dashboard|developers?|support|portal|account|studio|app)\./i;

/**
 * A key whose shape names its provider, refused by a server whose answer links another
 * provider's domain (its docs or console): the server belongs to that provider, the key does not.
 */
export const providerDomain = defineCheck<RequestEvidence>(
  'provider-domain',
  ({ final, credential, provider, providerBy, url }) => {
    const f = final.facts;
    if (!credential || !f || final.accepted || providerBy !== 'key' || !provider) return [];
    if (!(f.status === 401 || f.status === 403 || f.blamesCredential || f.bodySaysFailure))
      return [];
    if (f.layers.some((l) => l.kind === 'gateway') || f.says.has('gateway')) return [];
    const index = domainIndex();
    // Every provider whose keys look like this one (GitHub and GitHub Apps share a shape).
    const mine = new Set<Provider>([
      provider,
      ...matchKeyShapes(credential.meant)
        .filter((m) => !m.shape.generic)
        .map((m) => m.provider),
    ]);
    const own = [...index.entries()]
      .filter(([, ps]) => ps.some((p) => mine.has(p)))
      .map(([d]) => d);
    const here = registrableDomain(url.hostname);
    for (const host of f.linkedHosts) {
      const d = registrableDomain(host);
      if (
        own.some((o) => o === d || sameBrand(o, d)) ||
        NEUTRAL.has(d) ||
        /\.(invalid|test|localhost|example|local)$/.test(d)
      )
        continue;
      const others = (index.get(d) ?? []).filter((p) => !mine.has(p));
      // An unknown domain counts when it is where people get help with keys (docs, console), and
      // is not the very host asked (that server's own page).
      if (others.length === 0 && (d === here || !HELP_HOST.test(host))) continue;
      const owner = others[0];
      return [
        finding(
          'key.wrong-provider',
          owner ? 'attributed' : 'heuristic',
          [
            `the answer (${f.status}) links ${host}${owner ? `, ${owner.name}'s` : ''}, not a domain of ${provider.name}`,
            `the key is shaped like ${provider.name}'s keys: the server belongs to ${owner?.name ?? d}, the key does not`,
          ],
          { keyProvider: provider.id, hostProvider: owner?.id ?? d },
        ),
      ];
    }
    return [];
  },
);
