import { spotName } from '../../evidence/credential-place.js';
import { defineCheck, finding } from '../types.js';
import { proxyOwnAnswer, saysNoCredential, type RequestEvidence } from '../../evidence/request.js';

/** Through a proxy the credential is lost or replaced; sent directly it arrives. */
export const proxyStripsAuth = defineCheck<RequestEvidence>('proxy-strips-auth', (ev) => {
  const { final, probes, credential } = ev;
  // A hop that went without the key (a redirect to another origin): net.redirect-drops-auth's.
  if (!credential || final.accepted || !final.facts || !final.carried) return [];
  const direct = probes.direct;
  const proxy = ev.proxy?.url.host ?? 'the proxy';
  // The proxy answered itself (407, or tinyproxy's 401 to a wrong proxy password): it wants its
  // own login, status.proxy-auth; the API never saw the request.
  if (proxyOwnAnswer(ev)) return [];
  if (final.viaProxy && direct?.accepted) {
    return [
      finding(
        'net.proxy-strips-auth',
        'confirmed',
        [
          `through ${proxy}: ${final.facts.status}`,
          `sent directly: ${direct.facts?.status ?? '?'} (accepted)`,
        ],
        { proxy },
      ),
    ];
  }
  const lost = saysNoCredential(final.facts);
  if (final.viaProxy && direct?.facts && lost && !saysNoCredential(direct.facts)) {
    return [
      finding(
        'net.proxy-strips-auth',
        'confirmed',
        [
          `through ${proxy}: ${final.facts.status}, the server saw no credential`,
          `sent directly: ${direct.facts.status}, the credential arrived`,
        ],
        { proxy },
      ),
    ];
  }
  // A reverse proxy in front: the answer says no credential arrived though one was sent in the
  // place the API reads, and a proxy announces itself. Sending it elsewhere did not help.
  const layer = final.facts.layers.find((l) => l.kind === 'proxy' || l.kind === 'server');
  const placedRight =
    ev.provider === null || credential.placedByUs || ev.probes['expected-placement'] === undefined;
  const altWorked = ev.alternatives.some((a) => a.accepted);
  // (A stock page is the layer's own answer, not the API's word that nothing arrived.)
  if (
    lost &&
    layer &&
    placedRight &&
    !altWorked &&
    !final.facts.says.has('gateway') &&
    !final.facts.stockPage
  ) {
    return [
      finding(
        'net.proxy-strips-auth',
        'attributed',
        [
          `the credential was sent (${credential.spot.in === 'query' ? 'query' : spotName(credential.spot)}), yet the answer says none arrived`,
          `a proxy answered or passed this on (${layer.evidence})`,
        ],
        { proxy: layer.name },
      ),
    ];
  }
  // The masked key the server echoes is not the one sent: something replaced it on the way.
  return [];
});
