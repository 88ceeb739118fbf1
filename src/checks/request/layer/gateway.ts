import { defineCheck, finding } from '../../types.js';
import {
  documentedShape,
  layerOwnRefusal,
  proxyOwnAnswer,
  readingAlternative,
  sameAnswer,
  saysNoCredential,
  sentScheme,
  type RequestEvidence,
} from '../../../evidence/request.js';
import { describeSpot } from '../../../evidence/credential-place.js';
import type { LayerSignal } from '../../../evidence/layers.js';
import type { Challenge } from '../../../parse/www-authenticate.js';
import { layerLogin, platformPage } from './own-login.js';

/**
 * Words of the provider's own auth: a provider that reads a subscription-key header (Azure's
 * `Ocp-Apim-Subscription-Key`) speaks of "subscription keys" itself.
 */
function ownWords(provider: RequestEvidence['provider'], text: string): boolean {
  if (!provider) return false;
  const names = [provider.auth, ...provider.alternatives].flatMap((a) =>
    'name' in a && typeof a.name === 'string' ? [a.name.toLowerCase()] : [],
  );
  return /subscription[ _-]?key/i.test(text) && names.some((n) => n.includes('subscription-key'));
}

/** The rejection came from a gateway in front of the API, with its own auth. */
export const gateway = defineCheck<RequestEvidence>('gateway', (ev) => {
  const { final, provider, credential, probes, url, keyFindings } = ev;
  const f = final.facts;
  if (
    !f ||
    final.accepted ||
    f.status < 400 ||
    f.status === 407 ||
    f.status === 429 ||
    f.status >= 500 ||
    // A forward proxy's own 401 (tinyproxy to a wrong proxy password): status.proxy-auth
    proxyOwnAnswer(ev)
  ) {
    return [];
  }
  // The provider's own gateway headers (Azure OpenAI answers through APIM) and wording (its
  // "subscription key") are the API speaking, not a layer in front of it.
  const ownHeaders = (provider?.revealingHeaders ?? []).map((h) => h.name.toLowerCase());
  const theirs = (evidence: string) =>
    ownHeaders.some((h) => evidence.toLowerCase() === `header ${h}`);
  // The provider's own documented answer, and the key changed it (another answer without one):
  // the API read the key and answered, through whatever front it runs (Mistral's answers carry
  // its Kong's headers). Those headers are its own, not a layer in front with its own auth.
  const anon = probes['without-credential'];
  const ownAnswer =
    credential !== null &&
    anon?.facts !== undefined &&
    !sameAnswer(anon, final) &&
    documentedShape(ev) !== undefined;
  const sign = ownAnswer
    ? undefined
    : f.layers.find((l) => l.kind === 'gateway' && !theirs(l.evidence));
  const ownGateway = ownAnswer || f.layers.some((l) => l.kind === 'gateway' && theirs(l.evidence));
  const words = f.says.has('gateway') && !ownGateway && !ownWords(provider, f.errorText);
  const evidence: string[] = [];
  if (sign) evidence.push(`${sign.name} answered (${sign.evidence})`);
  if (words) evidence.push(`the body speaks of the layer's own keys: ${f.errorText.slice(0, 120)}`);
  // A provider key sent to a host that is not the provider's: what answers there has its own auth.
  const foreignHost =
    credential !== null &&
    provider !== null &&
    !provider.hosts.some((h) => h === url.hostname) &&
    keyFindings.every((k) => k.id !== 'key.wrong-provider');
  const ignored = credential !== null && sameAnswer(probes['without-credential'], final);
  const reads = readingAlternative(ev);
  // Through a forward proxy, its Via is on every answer it relays: the host behind it answered,
  // unless the page is the proxy's own (X-Squid-Error), the request never having left it.
  const forwardOwn = forwardProxyOwn(ev);
  const relayMark = (l: Pick<LayerSignal, 'onRelayed'>) =>
    final.viaProxy && !forwardOwn && l.onRelayed === true;
  const layers = f.layers.filter((l) => !relayMark(l));
  const proxyish = layers.find((l) => l.kind === 'proxy' || l.kind === 'server');
  // A stock page relayed through a forward proxy is the host behind it's own.
  const stockOf = (st: Pick<LayerSignal, 'name' | 'evidence' | 'onRelayed'>) =>
    relayMark(st)
      ? (proxyish ?? { name: 'the web server behind the proxy', evidence: 'a stock error page' })
      : st;
  // A web server in front challenging for its own scheme (Basic) while a bearer key was sent.
  const scheme = sentScheme(credential);
  const ownChallenge = f.challenges.find(
    (c) => (c.scheme === 'basic' || c.scheme === 'digest') && scheme !== c.scheme,
  );
  const stock = layerOwnRefusal(ev);
  const platform = platformPage(ev);
  const login = layerLogin(ev);
  if (!sign && !words) {
    if (foreignHost && ignored && proxyish && f.status === 401 && !saysNoCredential(f)) {
      evidence.push(
        `${proxyish.evidence} at ${url.host}, not ${provider?.name}'s host, and the answer is the same without the key`,
      );
    } else if (reads && !reads.accepted && (foreignHost || proxyish)) {
      evidence.push(
        `with the key in ${describeSpot(reads.spot)} the answer changes (${f.status} → ${reads.facts?.status}): this layer reads that header, and refuses this key there`,
      );
    } else if (ownChallenge && f.status === 401 && (proxyish || f.isHtml)) {
      const realm = ownChallenge.params['realm'];
      evidence.push(
        `it challenges for ${ownChallenge.rawScheme}${realm ? ` (realm "${realm}")` : ''} while the key went as ${credential ? describeSpot(credential.spot) : 'nothing'}: a login of the layer in front`,
      );
    } else if (login) {
      evidence.push(login.evidence);
      if (ignored) evidence.push('the same answer without the key: this layer does not look at it');
    } else if (platform) {
      evidence.push(...platform.evidence);
    } else if (forwardOwn) {
      evidence.push(
        `the proxy${ev.proxy ? ` at ${ev.proxy.url.host}` : ''} answered itself (${forwardOwn.evidence}): the request never reached ${url.host}`,
      );
    } else if (stock) {
      evidence.push(
        `${f.status} is ${stockOf(stock).name}'s own stock page (${stockOf(stock).evidence}), no words of the API behind it`,
        'the very same answer without the key: the layer refused before anything read the key',
      );
    } else {
      return [];
    }
  } else if (ignored) {
    evidence.push('the same answer without the key: this layer does not look at it');
  }
  const name =
    sign?.name ??
    (words
      ? 'the gateway'
      : (platform?.name ??
        login?.name ??
        forwardOwn?.name ??
        (stock ? stockOf(stock).name : undefined) ??
        layers[0]?.name ??
        'a layer in front'));
  return [
    finding('layer.gateway', sign && words ? 'definitive' : 'attributed', evidence, {
      layer: name,
      ...refusalOf(ev, {
        sign,
        words,
        platform: platform !== undefined,
        ownChallenge: ownChallenge ?? login?.challenge,
      }),
      ...whereFrom(ev, forwardOwn !== undefined),
    }),
  ];
});

/**
 * What kind of refusal the layer gave, so the fix can be true for it: its own auth challenge
 * (scheme and realm: the realm names the login wanted), an access rule (a 403 of its own with no
 * challenge and no word of a credential: an allow-list of addresses, a blocked path), a sign-in
 * page, a subscription key missing, or its own key (a header or key it issues).
 */
function refusalOf(
  ev: RequestEvidence,
  seen: {
    readonly sign: LayerSignal | undefined;
    readonly words: boolean;
    readonly platform: boolean;
    readonly ownChallenge: Challenge | undefined;
  },
): Record<string, string | undefined> {
  const f = ev.final.facts;
  if (!f) return { refusal: 'own-key' };
  // The layer's own challenge: one for another scheme than the key's, or on its own page (the
  // API's challenge relayed is the API's, not the layer's).
  const challenge =
    seen.ownChallenge ?? (f.stockPage || seen.sign !== undefined ? f.challenges[0] : undefined);
  if (challenge && f.status === 401) {
    return {
      refusal: 'challenge',
      // The server's words: bounded here, made printable and scrubbed on output like all data.
      scheme: challenge.rawScheme.slice(0, 40),
      realm: challenge.params['realm']?.slice(0, 80),
      keyIn:
        ev.credential?.spot.in === 'header' ? ev.credential.spot.name.toLowerCase() : undefined,
    };
  }
  if (seen.platform) return { refusal: 'sign-in' };
  if (f.loginForm) return { refusal: 'sign-in' };
  if (/subscription[ _-]?key/i.test(f.errorText)) return { refusal: 'subscription-key' };
  // A gateway whose own credential has a name (APIM's subscription key), refusing in no words.
  if (seen.sign?.ownKey !== undefined && !seen.words && f.status === 401)
    return { refusal: seen.sign.ownKey };
  const squidDenied = f.layers.some((l) => l.ownError?.denied === true);
  if (
    f.status === 403 &&
    !f.aboutCredential &&
    !seen.words &&
    (f.stockPage || squidDenied) &&
    (squidDenied || ev.credential === null || sameAnswer(ev.probes['without-credential'], ev.final))
  ) {
    return { refusal: 'access-rule' };
  }
  if (f.stockPage) return { refusal: 'stock' };
  return { refusal: 'own-key' };
}

/** A forward proxy's own error page (squid's X-Squid-Error), not an answer it relayed. */
function forwardProxyOwn(ev: RequestEvidence): LayerSignal | undefined {
  const f = ev.final.facts;
  if (!f || !ev.final.viaProxy) return undefined;
  const own = f.layers.find((l) => l.ownError !== undefined);
  return own?.ownError && { ...own, evidence: own.ownError.evidence };
}

/**
 * Where the answer came from: the host asked, or through a forward proxy the proxy's own address
 * (the API's is given apart), and the layer's Via when it names itself.
 */
function whereFrom(
  ev: RequestEvidence,
  proxyAnswered: boolean,
): Record<string, string | undefined> {
  const via = ev.final.facts?.headers['via'];
  const forward = proxyAnswered && ev.proxy !== undefined;
  return {
    at: forward ? ev.proxy?.url.host : ev.final.request.url.host,
    api: forward ? ev.final.request.url.host : undefined,
    via: via?.slice(0, 80),
  };
}
