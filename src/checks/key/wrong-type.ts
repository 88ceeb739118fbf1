import type { KeyKind } from '../../providers/types.js';
import { shownPrefix } from '../../secret/secret.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from './evidence.js';

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
