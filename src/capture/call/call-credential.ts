import type { SentCredential } from '../../evidence/request.js';
import { findCredential } from '../../engine/build-request.js';
import { spotName } from '../../evidence/credential-place.js';
import { registerPathSecrets, registerRequestSecrets } from '../../engine/request-secrets.js';
import { isHarmlessHeaderName } from '../../secret/harmless.js';
import { prepareCredential } from '../../engine/conclude.js';
import { publicPrefixOf, type Detection } from '../../providers/detect.js';
import { pinSecretValue } from '../../secret/scrub.js';
import { renderVisible } from '../../secret/visible.js';
import type { ObservedCall } from './observed-call.js';

/** The credential of one call as sent: where it was, redacted, and its hidden characters shown. */
export interface CallCredential {
  /** `Authorization` or `?key=`. */
  readonly where: string;
  readonly scheme: string | null;
  readonly redacted: string;
  /** Prefix, last 4 and every hidden character by name: `sk-p…x9Qz⟨ZERO WIDTH SPACE⟩`. */
  readonly visible: string;
  readonly length: number;
  readonly fingerprint: string;
  readonly hidden: readonly string[];
}

export function describeCredential(c: SentCredential): CallCredential {
  const visible = renderVisible(c.secret, publicPrefixOf(c.secret.reveal().trim()) ?? '');
  return {
    where: spotName(c.spot),
    scheme: c.spot.in === 'header' ? c.spot.scheme : null,
    redacted: c.secret.redacted,
    visible: visible.text,
    length: c.secret.length,
    fingerprint: c.secret.fingerprint,
    hidden: visible.marks.map((m) => `${m.name} at ${m.index}`),
  };
}

const credentialNames = new Map<string, boolean>();

/** May this header carry a credential (not known harmless)? Cached: the same few names come every call. */
function mayCarry(name: string, provider: Detection['provider']): boolean {
  const n = name.toLowerCase();
  let yes = credentialNames.get(n);
  if (yes === undefined) {
    yes = !isHarmlessHeaderName(n);
    if (credentialNames.size > 1024) credentialNames.clear();
    credentialNames.set(n, yes);
  }
  return yes || (provider?.auth.in === 'header' && provider.auth.name.toLowerCase() === n);
}

export interface KnownCredential {
  readonly credential: SentCredential | null;
  readonly described: CallCredential | null;
}

/** An app sends the same key call after call: it is found, checked for shape and rendered once. */
const knownCredentials = new Map<string, KnownCredential>();

export function credentialOf(call: ObservedCall, detection: Detection): KnownCredential {
  const provider = detection.provider;
  let key = `${provider?.id ?? ''}\u0000`;
  for (const [name, value] of call.requestHeaders)
    if (mayCarry(name, provider)) key += `${name}\u0000${value}\u0000`;
  key += `${call.url.search}\u0000${call.url.username}:${call.url.password}`;
  registerPathSecrets(call.url); // paths differ call to call: not part of the cache key
  let known = knownCredentials.get(key);
  if (!known) {
    // Every possible credential of the call, not only the one diagnosed: no line shows any.
    registerRequestSecrets({ url: call.url, headers: call.requestHeaders });
    const credential = prepareCredential(findCredential(call.requestHeaders, call.url, provider));
    known = { credential, described: credential ? describeCredential(credential) : null };
    if (knownCredentials.size >= 256)
      knownCredentials.delete(knownCredentials.keys().next().value ?? '');
    knownCredentials.set(key, known);
  }
  // The credential of a call in flight, seen again at every call: never forgotten by the
  // scrubber for the token-like values other calls bring (hundreds of headers would flush it).
  if (known.credential) {
    pinSecretValue(known.credential.secret.reveal());
    pinSecretValue(known.credential.meant);
  }
  return known;
}
