/**
 * Who answered: a gateway, proxy, WAF or CDN in front of the API, told apart by headers (and,
 * where no header says it, by the body's wording about a layer's own keys).
 */
export interface LayerSignal {
  /** Product or kind: `Kong`, `Azure API Management`, `AWS API Gateway`, `nginx`, `Cloudflare`, … */
  readonly name: string;
  readonly kind: 'gateway' | 'proxy' | 'waf' | 'cdn' | 'server';
  /** The header or wording that told. */
  readonly evidence: string;
  /**
   * A hosting platform with a login of its own (Vercel's Deployment Protection, Netlify's site
   * password): its HTML page about credentials is its protection, not the app's. A CDN that
   * fronts APIs (Cloudflare, CloudFront) has none: such a page behind it may be the app's.
   */
  readonly ownLogin?: true;
  /** The credential the layer issues itself, when it has one by name (APIM's subscription key). */
  readonly ownKey?: 'subscription-key';
  /**
   * The sign is on answers the layer only passed on (a `Via`, a forward proxy's marks): through
   * a forward proxy it does not make the answer the layer's own.
   */
  readonly onRelayed?: true;
  /**
   * The answer is the layer's own error page, not one it relayed (squid's `X-Squid-Error`):
   * `denied` when its access rules refused the request.
   */
  readonly ownError?: { readonly evidence: string; readonly denied: boolean };
  /** The layer's error type says no route matched, whatever its words (API Gateway's). */
  readonly noRoute?: true;
}

type LayerFacts = Pick<LayerSignal, 'ownLogin' | 'ownKey' | 'onRelayed' | 'ownError' | 'noRoute'>;

const MISSING_TOKEN_TYPE = /^MissingAuthenticationTokenException\b/i;

const HEADER_SIGNS: readonly {
  test: (h: Readonly<Record<string, string>>) => string | undefined;
  name: string;
  kind: LayerSignal['kind'];
  facts?: (h: Readonly<Record<string, string>>) => LayerFacts;
}[] = [
  {
    name: 'Kong',
    kind: 'gateway',
    test: (h) =>
      pick(h, /^x-kong-/) ?? matchHeader(h, 'server', /kong/i) ?? matchHeader(h, 'via', /kong/i),
  },
  {
    name: 'Azure API Management',
    kind: 'gateway',
    test: (h) => pick(h, /^(apim-request-id|ocp-apim-)/),
    facts: () => ({ ownKey: 'subscription-key' }),
  },
  {
    // Every AWS service sends x-amzn-RequestId and x-amzn-ErrorType: only API Gateway's own id,
    // or an error type only it raises, names it.
    name: 'AWS API Gateway',
    kind: 'gateway',
    test: (h) =>
      pick(h, /^x-amz-apigw-id$/) ?? matchHeader(h, 'x-amzn-errortype', MISSING_TOKEN_TYPE),
    // REST APIs answer an unmatched resource or method with this "auth" error type.
    facts: (h) => (MISSING_TOKEN_TYPE.test(h['x-amzn-errortype'] ?? '') ? { noRoute: true } : {}),
  },
  { name: 'LiteLLM', kind: 'gateway', test: (h) => pick(h, /^x-litellm-/) },
  {
    name: 'Envoy',
    kind: 'proxy',
    test: (h) => pick(h, /^x-envoy-/) ?? matchHeader(h, 'server', /envoy|istio/i),
  },
  { name: 'Apigee', kind: 'gateway', test: (h) => pick(h, /^x-apigee-/) },
  { name: 'Tyk', kind: 'gateway', test: (h) => pick(h, /^x-tyk-/) },
  { name: 'Traefik', kind: 'proxy', test: (h) => matchHeader(h, 'server', /traefik/i) },
  {
    // A forward proxy: its own answers carry X-Squid-Error; relayed ones its Via.
    name: 'squid',
    kind: 'proxy',
    test: (h) =>
      matchHeader(h, 'via', /squid/i) ??
      pick(h, /^x-squid-error$/) ??
      matchHeader(h, 'server', /^squid\b/i),
    facts: (h) => {
      const error = h['x-squid-error'];
      return {
        onRelayed: true,
        ...(error !== undefined
          ? {
              ownError: {
                evidence: `x-squid-error: ${error.slice(0, 60)}`,
                denied: /ERR_ACCESS_DENIED/i.test(error),
              },
            }
          : {}),
      };
    },
  },
  {
    name: 'Cloudflare',
    kind: 'cdn',
    test: (h) => pick(h, /^cf-ray$/) ?? matchHeader(h, 'server', /cloudflare/i),
  },
  {
    name: 'Akamai',
    kind: 'cdn',
    test: (h) => matchHeader(h, 'server', /akamai/i) ?? pick(h, /^x-akamai-/),
  },
  { name: 'AWS CloudFront', kind: 'cdn', test: (h) => pick(h, /^x-amz-cf-/) },
  // Hosting platforms: every answer of an app they host carries these; their own protection
  // (Vercel Deployment Protection, Netlify's password) is told by its page, not by the header.
  {
    name: 'Vercel',
    kind: 'cdn',
    test: (h) => pick(h, /^x-vercel-id$/) ?? matchHeader(h, 'server', /^vercel\b/i),
    facts: () => ({ ownLogin: true }),
  },
  {
    name: 'Netlify',
    kind: 'cdn',
    test: (h) => pick(h, /^x-nf-request-id$/) ?? matchHeader(h, 'server', /^netlify\b/i),
    facts: () => ({ ownLogin: true }),
  },
  {
    name: 'Fastly',
    kind: 'cdn',
    test: (h) => pick(h, /^x-fastly-/) ?? matchHeader(h, 'via', /varnish/i),
  },
  { name: 'AWS ELB', kind: 'proxy', test: (h) => matchHeader(h, 'server', /awselb/i) },
  { name: 'Google Frontend', kind: 'proxy', test: (h) => matchHeader(h, 'via', /google/i) },
  {
    name: 'a gateway',
    kind: 'gateway',
    test: (h) => pick(h, /^x-(gateway|api-gateway|proxy)[-a-z]*$/),
  },
];

const SERVER_PRODUCTS =
  /\b(nginx|openresty|apache|caddy|haproxy|squid|tinyproxy|varnish|iis|lighttpd|envoy|traefik)\b/i;

function pick(h: Readonly<Record<string, string>>, name: RegExp): string | undefined {
  const found = Object.keys(h).find((k) => name.test(k));
  return found ? `header ${found}` : undefined;
}

function matchHeader(
  h: Readonly<Record<string, string>>,
  name: string,
  value: RegExp,
): string | undefined {
  const v = h[name];
  return v !== undefined && value.test(v) ? `${name}: ${v.slice(0, 60)}` : undefined;
}

/** Every layer the headers reveal, gateways first. */
export function layersFromHeaders(headers: Readonly<Record<string, string>>): LayerSignal[] {
  const found: LayerSignal[] = [];
  for (const sign of HEADER_SIGNS) {
    const evidence = sign.test(headers);
    if (evidence)
      found.push({
        name: sign.name,
        kind: sign.kind,
        evidence,
        ...sign.facts?.(headers),
        ...(evidence.startsWith('via') ? { onRelayed: true } : {}),
      });
  }
  const via = headers['via'];
  if (via && !found.some((f) => f.evidence.startsWith('via'))) {
    found.push({
      name: via.replace(/^[\d.]+\s+/, '').slice(0, 40),
      kind: 'proxy',
      evidence: `via: ${via.slice(0, 60)}`,
      onRelayed: true,
    });
  }
  // A challenge's realm that names a layer (`Basic realm="traefik"`, `realm="Netlify"`): the
  // layer asks for its own login, whether or not another header names it.
  for (const realm of realmsOf(headers['www-authenticate'])) {
    const sign = HEADER_SIGNS.find(
      (s) => s.name !== 'a gateway' && realm.toLowerCase().includes(s.name.toLowerCase()),
    );
    const product = sign ? undefined : SERVER_PRODUCTS.exec(realm)?.[1];
    const name = sign?.name ?? product;
    if (name === undefined || found.some((f) => f.name.toLowerCase() === name.toLowerCase()))
      continue;
    found.push({
      name,
      kind: sign?.kind ?? 'server',
      evidence: `www-authenticate realm "${realm.slice(0, 40)}"`,
      ...sign?.facts?.(headers),
    });
  }
  const server = headers['server'];
  const product = server ? SERVER_PRODUCTS.exec(server) : null;
  if (
    server &&
    product &&
    !found.some(
      (f) => f.evidence.startsWith('server') || f.name.toLowerCase() === product[1]?.toLowerCase(),
    )
  ) {
    found.push({
      name: product[1] ?? server,
      kind: 'server',
      evidence: `server: ${server.slice(0, 60)}`,
    });
  }
  return found;
}

/** The realms of a `WWW-Authenticate` value (every challenge's), unquoted. */
function realmsOf(value: string | undefined): string[] {
  if (!value) return [];
  return [...value.slice(0, 2000).matchAll(/\brealm\s*=\s*(?:"([^"]*)"|([^\s,]+))/gi)]
    .map((m) => (m[1] ?? m[2] ?? '').trim())
    .filter((r) => r !== '');
}

/** Body wording by which a layer speaks of its own credentials (LiteLLM, Kong, APIM, API Gateway). */
export const GATEWAY_WORDING =
  /\b(gateway|virtual[ _-]?key|subscription[ _-]?key|litellm|kong|apim|proxy[ _-]?(key|auth)|no api key found in request|consumer(?![ _-]?(identity|project))|master[ _-]?key|team[ _-]?key|api[ _-]?management)\b/i;

/**
 * Wording of a platform's own protection page (Cloudflare Access, Vercel's Deployment
 * Protection, a password-protected site), and the platform when the words name one.
 */
const PROTECTION_WORDING: readonly { readonly words: RegExp; readonly name?: string }[] = [
  { words: /cloudflare access|cf-access/i, name: 'Cloudflare Access' },
  { words: /deployment protection|vercel authentication/i, name: 'Vercel' },
  { words: /password protect/i },
];

/** The protection page an answer's words tell of, if any: `name` when they name the platform. */
export function protectionPage(text: string): { readonly name?: string } | undefined {
  const found = PROTECTION_WORDING.find((p) => p.words.test(text));
  return found && (found.name !== undefined ? { name: found.name } : {});
}

const SIGN_IN_PATH =
  /\/(login|log-in|signin|sign-in|sso|saml|oauth2?|authorize|auth|cdn-cgi\/access|account\/login|session)(\/|\?|$)/i;

/** A login-ish first label, or the domain of an identity provider that fronts apps (Cloudflare Access, Okta, Auth0, Entra ID). */
const SIGN_IN_HOST =
  /(^|\.)(login|signin|sso|auth|accounts|id|idp)\.|cloudflareaccess\.com$|okta\.com$|auth0\.com$|microsoftonline\.com$/i;

/** A URL of a sign-in portal (an SSO or access proxy's login page), by its path or its host. */
export function signInPortal(url: URL): boolean {
  return SIGN_IN_PATH.test(url.pathname) || SIGN_IN_HOST.test(url.hostname);
}
