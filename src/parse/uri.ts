/** A UTF-16 surrogate without its pair: it has no UTF-8 form, and encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * encodeURIComponent that never throws: a lone surrogate becomes U+FFFD first, which is what a
 * UTF-8 encoder (fetch, Buffer, TextEncoder) puts on the wire for it.
 */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}
