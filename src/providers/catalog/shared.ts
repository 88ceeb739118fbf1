import type { KeyKind, Placement, RevealingHeader, ValidationRequest } from '../types.js';

/**
 * Building blocks that several providers share. Each returns a new object (the build turns the
 * catalog into one JSON string and refuses an object that two providers share), with its keys in
 * the catalog's usual order, so a provider written with them is the same data as one written out.
 */

/** What a placement may add: a note, and the kinds of key it alone takes. */
interface PlacementExtras {
  readonly note?: string;
  readonly forKinds?: readonly KeyKind[];
}

/** The key as a header's value, after a scheme word (`Token`, `Bot`) or alone (`scheme` null). */
export function inHeader(
  name: string,
  scheme: string | null,
  extras: PlacementExtras = {},
): Placement {
  return { in: 'header', name, scheme, ...extras };
}

/** `Authorization: <scheme> <key>`. */
export function authorization(scheme: string, extras: PlacementExtras = {}): Placement {
  return inHeader('Authorization', scheme, extras);
}

/** `Authorization: Bearer <key>`: OpenAI's placement, and that of every OpenAI-compatible API. */
export function bearer(extras: PlacementExtras = {}): Placement {
  return authorization('Bearer', extras);
}

type BasicPlacement = Extract<Placement, { in: 'basic' }>;

/** `Authorization: Basic base64(<pair>)`; with `user:key`, `user` names the value that is the user. */
export function basic(
  pair: BasicPlacement['pair'],
  extras: Pick<BasicPlacement, 'user' | 'note'> = {},
): Placement {
  return { in: 'basic', pair, ...extras };
}

/** `?<name>=<key>`. */
export function inQuery(name: string, extras: PlacementExtras = {}): Placement {
  return { in: 'query', name, ...extras };
}

/** The usual validation request: a free, read-only GET that answers 200 to a good key. */
export function getOk(url: string, note: string): ValidationRequest {
  return { method: 'GET', url, successStatus: 200, note };
}

/** The OpenAI-style error envelope, in the key order OpenAI and the APIs that copy it write. */
interface OpenAiError {
  readonly message: string;
  readonly type: string;
  readonly param?: null;
  readonly code?: string | number;
}

/** `{"error":{"message":…,"type":…,"param":null,"code":…}}` as an error shape's body text. */
export function openAiErrorBody(error: OpenAiError): string {
  return JSON.stringify({ error });
}

/** Several revealing headers that mean the same thing (a rate-limit family, a pair of scope headers). */
export function sameMeaning(meaning: string, ...names: readonly string[]): RevealingHeader[] {
  return names.map((name) => ({ name, meaning }));
}
