import type { KeyKind, Placement, Provider } from '../../providers/types.js';
import { shownPrefix } from '../../secret/secret.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { sameVendor } from './vendor.js';

/**
 * Kinds that are real credentials of the provider but cannot call its API as a secret key.
 * Publishable keys are not among them: some are the API's own credential (Firebase, Supabase,
 * Mapbox); those that cannot call it (Stripe `pk_`) say `usableAsApiKey: false`.
 */
const NOT_AN_API_KEY: ReadonlySet<KeyKind> = new Set([
  'identifier',
  'ingest',
  'refresh',
  'webhook',
]);

/** Things people paste where a key goes: ids and tokens of other kinds. */
const OTHER_VALUES: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /^https?:\/\//i, what: 'a URL' },
  {
    pattern: /^(pi|seti)_[A-Za-z0-9]{8,}_secret_[A-Za-z0-9]+$/,
    what: 'a Stripe PaymentIntent or SetupIntent client secret',
  },
  {
    pattern: /^(tok|pi|seti|cus|pm|src|card|ch|in|sub|price|prod|acct)_[A-Za-z0-9]{8,}$/,
    what: 'a Stripe object id',
  },
  { pattern: /^xox[cd]-/, what: 'a Slack browser session token' },
  // the meant value has lost its spaces: `-----BEGINPRIVATEKEY-----`
  { pattern: /^-----BEGIN ?[A-Z]/, what: 'a PEM key or certificate' },
  { pattern: /^\{[\s\S]*"type"\s*:\s*"service_account"/, what: 'a service-account JSON file' },
];

/** Where admin keys are the key to use (OpenAI /v1/organization/*, Anthropic /v1/organizations/*). */
const ADMIN_PATH = /\/(organizations?|admin)(\/|$)/i;

export const keyWrongType = defineCheck<KeyEvidence>(
  'key-wrong-type',
  ({ core, matches, expected, path }) => {
    const other = OTHER_VALUES.find((o) => o.pattern.test(core));
    if (other) {
      return [
        finding('key.wrong-type', 'definitive', `the value is ${other.what}, not an API key`, {
          kind: other.what,
        }),
      ];
    }
    const own = expected ? matches.filter((m) => m.provider.id === expected.provider.id) : matches;
    if (expected && own.length === 0) {
      const sibling = matches.find(
        (m) => !m.shape.generic && m.shape.prefix && sameVendor(m.provider, expected.provider),
      );
      if (!sibling) return [];
      const wants = describePlacement(expected.provider.auth);
      return [
        finding(
          'key.wrong-type',
          'definitive',
          [
            `the key is a ${sibling.provider.name} ${sibling.shape.kinds.join('/')} credential (prefix ${shownPrefix(sibling.shape.prefix ?? '')}): ${sibling.shape.note}`,
            `${expected.provider.name} is the same vendor's API (its hosts share a domain) and takes another type of credential: ${wants}`,
          ],
          {
            provider: expected.provider.id,
            kind: `${shownPrefix(sibling.shape.prefix ?? '')}… key (${sibling.provider.name})`,
            expectedKinds: wantedKinds(expected.provider),
          },
        ),
      ];
    }
    if (
      own.length === 0 ||
      own.some((m) => !m.shape.generic && isApiKey(m.shape.kinds, m.shape.usableAsApiKey))
    ) {
      return [];
    }
    const wrong = own.find(
      (m) => !m.shape.generic && !isApiKey(m.shape.kinds, m.shape.usableAsApiKey),
    );
    if (!wrong) return [];
    // An admin key is the right key on admin endpoints: only wrong where the path is not one.
    if (wrong.shape.kinds.includes('admin') && (path === undefined || ADMIN_PATH.test(path)))
      return [];
    return [
      finding(
        'key.wrong-type',
        'definitive',
        `${wrong.provider.name} ${wrong.shape.kinds.join('/')} credential${wrong.shape.prefix ? ` (prefix ${shownPrefix(wrong.shape.prefix)})` : ''}: ${wrong.shape.note}`,
        { provider: wrong.provider.id, kind: wrong.shape.kinds.join('/') },
      ),
    ];
  },
);

function isApiKey(kinds: readonly KeyKind[], usable: boolean | undefined): boolean {
  if (usable !== undefined) return usable;
  return !kinds.some((k) => NOT_AN_API_KEY.has(k));
}

/** Where a provider's credential goes, and what it is, in a few words. */
function describePlacement(p: Placement): string {
  const where =
    p.in === 'header'
      ? `the ${p.name} header${p.scheme ? ` (${p.scheme})` : ''}`
      : p.in === 'query'
        ? `the ${p.name} query parameter`
        : p.in === 'basic'
          ? 'HTTP Basic'
          : p.in === 'path'
            ? 'the path'
            : `a ${p.name} signature`;
  return p.note ? `${where}: ${p.note}` : where;
}

/** What a provider's usable credentials are called: `ya29. OAuth access token`, `secret API key`. */
function wantedKinds(p: Provider): string[] {
  const names = p.keyShapes
    .filter((k) => !k.generic && isApiKey(k.kinds, k.usableAsApiKey))
    .map((k) => {
      const what = k.kinds.includes('oauth')
        ? 'OAuth access token'
        : k.kinds.includes('jwt')
          ? 'JWT token'
          : 'secret API token';
      return k.prefix ? `${k.prefix}… ${what}` : what;
    });
  return [...new Set(names)];
}
