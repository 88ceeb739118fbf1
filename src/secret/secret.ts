import { inspect } from 'node:util';
import { isRevealing, registerSecretValue } from './scrub.js';
import { codePoints, isHidden } from './chars.js';
import { sha256Hex } from './sha256.js';

/** Where a credential came from: `env:OPENAI_API_KEY`, `file:./key.txt`, `stdin`, `arg`, `header:Authorization`. */
export type SecretSource = string;

/**
 * A credential. Its string, JSON and inspect forms are redacted; the raw value is reachable only
 * through `reveal()`, which the request builder calls when it puts the key on the wire.
 */
export class Secret {
  readonly #value: string;
  readonly source: SecretSource;
  readonly #publicPrefix: string | undefined;
  readonly #scrubbed: boolean;
  /** Of bytes that are not valid UTF-8 (a --key-file): the fingerprint is of them, not the text. */
  #bytesFingerprint: string | undefined;

  /**
   * `scrubbed: false` is only for values known not to be credentials (NODE_ENV=development read
   * beside a key): they stay redacted in our own forms but are not removed from all output.
   */
  constructor(value: string, source: SecretSource, publicPrefix?: string, scrubbed = true) {
    this.#value = value;
    this.source = source;
    this.#publicPrefix = publicPrefix;
    this.#scrubbed = scrubbed;
    if (scrubbed) registerSecretValue(value, 'secret');
  }

  /**
   * A credential read as bytes (--key-file): its text is their UTF-8 decoding, and when they are
   * not valid UTF-8 (a Latin-1 file) its fingerprint is still that of the exact bytes (cli.md).
   */
  static fromBytes(bytes: Buffer, source: SecretSource): Secret {
    const secret = new Secret(bytes.toString('utf8'), source);
    if (!Buffer.from(secret.#value, 'utf8').equals(bytes))
      secret.#bytesFingerprint = `sha256:${sha256Hex(bytes).slice(0, 8)}`;
    return secret;
  }

  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  /** The same source, another value (trimmed, unquoted…): for probes and derived checks. */
  derive(value: string, how: string): Secret {
    return new Secret(value, `${this.source} (${how})`, this.#publicPrefix, this.#scrubbed);
  }

  withPublicPrefix(prefix: string | undefined): Secret {
    const secret = new Secret(this.#value, this.source, prefix, this.#scrubbed);
    secret.#bytesFingerprint = this.#bytesFingerprint;
    return secret;
  }

  /** `sk-proj-…x9Qz`: at most the public prefix (≤ 8 chars) and the last 4 chars. */
  get redacted(): string {
    return redact(this.#value, this.#publicPrefix);
  }

  /** `sha256:` + the first 8 hex digits of SHA-256 of the exact bytes. */
  get fingerprint(): string {
    return this.#bytesFingerprint ?? fingerprint(this.#value);
  }

  equals(other: Secret): boolean {
    return this.#value === other.#value;
  }

  toString(): string {
    return this.redacted;
  }

  toJSON(): string {
    return this.redacted;
  }

  [inspect.custom](): string {
    return `Secret(${this.redacted}, ${this.fingerprint})`;
  }
}

/** Checks compare fingerprints over and over (`why401 env`: every source against every other). */
const fingerprints = new Map<string, string>();

export function fingerprint(value: string): string {
  let fp = fingerprints.get(value);
  if (fp === undefined) {
    fp = `sha256:${sha256Hex(value).slice(0, 8)}`;
    if (fingerprints.size >= 64) fingerprints.clear();
    fingerprints.set(value, fp);
  }
  return fp;
}

/**
 * A provider's public prefix as evidence may show it: 8 chars at most, cut at a separator
 * (`sk-ant-api03-` → `sk-ant-…`), so no output carries 9 characters of a key.
 */
export function shownPrefix(prefix: string): string {
  if (prefix.length <= 8) return prefix;
  const head = prefix.slice(0, 8);
  const cut = Math.max(head.lastIndexOf('-'), head.lastIndexOf('_'), head.lastIndexOf('.'));
  return `${cut > 0 ? head.slice(0, cut + 1) : head}…`;
}

/** How many trailing characters may be shown for a key of this length. */
function suffixLength(length: number): number {
  if (length >= 20) return 4;
  if (length >= 12) return 2;
  return 0;
}

/**
 * At most the provider's public prefix (≤ 8 chars) and the last 4 characters, and never more than
 * a third of the key. Hidden characters in the shown part are escaped (`\n`, `\u200B`).
 */
export function redact(value: string, publicPrefix?: string): string {
  if (value.length === 0) return '(empty)';
  if (isRevealing()) return escapeHidden(value);
  const suffix = suffixLength(value.length);
  let prefix = publicPrefix && value.startsWith(publicPrefix) ? publicPrefix.slice(0, 8) : '';
  if (prefix.length + suffix > value.length / 3) prefix = '';
  const shownSuffix = suffix > 0 ? value.slice(-suffix) : '';
  // `…` is a character keys can hold too (a masked key is made of them): whatever is shown must
  // not line up into 9 characters of the value; less is shown until it does not.
  const forms = [
    `${escapeHidden(prefix)}…${escapeHidden(shownSuffix)}`,
    `…${escapeHidden(shownSuffix)}`,
    '…',
  ];
  return forms.find((form) => !sharesRun(value, form)) ?? '…';
}

/** Does `shown` (short) hold 9 consecutive characters of `value` (up to 64 KiB)? */
export function sharesRun(value: string, shown: string): boolean {
  const runs = new Set<string>();
  for (let i = 0; i + 9 <= shown.length; i++) runs.add(shown.slice(i, i + 9));
  if (runs.size === 0) return false;
  for (let i = 0; i + 9 <= value.length; i++) if (runs.has(value.slice(i, i + 9))) return true;
  return false;
}

/** Escapes characters a reader would not see, so a redacted form never hides a newline. */
export function escapeHidden(text: string): string {
  let out = '';
  for (const { cp } of codePoints(text)) {
    if (cp === 0x0a) out += '\\n';
    else if (cp === 0x0d) out += '\\r';
    else if (cp === 0x09) out += '\\t';
    else if (cp === 0x20) out += '␠';
    else if (isHidden(cp)) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += String.fromCodePoint(cp);
  }
  return out;
}
