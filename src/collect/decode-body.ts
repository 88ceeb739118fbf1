import { createRequire } from 'node:module';

// Decompression costs milliseconds to load: only a body that needs it pays. (node: built-ins
// only: run's preload bundles this file into the app's processes.)
const load = createRequire(import.meta.url);
let zlibModule: typeof import('node:zlib') | undefined;
const zlib = () => (zlibModule ??= load('node:zlib') as typeof import('node:zlib'));

/** No body decodes to more than this, at any step: a decompression bomb costs 1 MiB at most. */
export const MAX_DECODED = 1024 * 1024;

/** More codings than this on one body is no API's answer: said, not decoded. */
const MAX_CODINGS = 8;

const KNOWN = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

export interface DecodeOptions {
  /** The bytes are not the whole body (a cap cut it, or the connection closed early). */
  readonly truncated?: boolean | undefined;
  /**
   * Decode a beginning as far as it goes (a cut gzip stream still yields its start): capture's
   * and run's samples. Without it a truncated body is said, not decoded (`check`'s answers).
   */
  readonly prefix?: boolean | undefined;
  /**
   * Only the first this many bytes of the decoded body are wanted (what a caller reads): only as
   * much input is decoded as gives them, the rest is never inflated. Implies `prefix`.
   */
  readonly maxBytes?: number | undefined;
}

/**
 * A body as text, decoded from its `Content-Encoding`: gzip, deflate and br, stacked ones
 * (`gzip, br`: br undone first, codings are listed in the order they were applied) included,
 * each step within MAX_DECODED. What it cannot decode stays raw, and the text says so.
 */
export function decodeBody(
  raw: Buffer,
  contentEncoding: string | undefined,
  { truncated = false, prefix = false, maxBytes }: DecodeOptions = {},
): string {
  const enc = contentEncoding?.trim().toLowerCase() ?? '';
  const codings = enc
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0 || raw.length === 0)
    return (maxBytes !== undefined ? raw.subarray(0, maxBytes) : raw).toString('utf8');
  if (truncated && !prefix && maxBytes === undefined)
    return `(a ${enc} body not read to its end; not decoded)`;
  if (codings.length > MAX_CODINGS || !codings.every((c) => KNOWN.has(c)))
    return `(a ${enc}-encoded body, not decoded)`;
  try {
    const steps = codings.reverse();
    if (maxBytes !== undefined) return decodeHead(raw, steps, maxBytes).toString('utf8');
    let body = raw;
    for (const coding of steps) body = decodeOnce(body, coding, prefix, MAX_DECODED);
    return body.toString('utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
      ? `(a ${enc} body that does not decode within ${MAX_DECODED / 1024} KiB)`
      : `(a ${enc} body that does not decode)`;
  }
}

/**
 * The first `want` bytes of the body, from as short a beginning of the raw bytes as gives them
 * (a cut stream decodes to a beginning of the body): twice as much input each time, and when
 * that decodes to more than `cap` at a step (a bomb), halfway back, so a step inflates at most
 * `cap`. Where one more input byte passes it (a long copy: br does that), that beginning is
 * decoded within MAX_DECODED, every body's bound.
 */
function decodeHead(raw: Buffer, steps: readonly string[], want: number): Buffer {
  const cap = Math.min(MAX_DECODED, Math.max(16 * want, 64 * 1024));
  const decode = (take: number, limit: number): Buffer => {
    let body = raw.subarray(0, take);
    for (const coding of steps) body = decodeOnce(body, coding, true, limit);
    return body;
  };
  let short = 0; // raw bytes known to decode to less than `want`
  let over: number | undefined; // raw bytes known to decode past the cap
  let take = Math.min(raw.length, Math.max(256, Math.ceil(want / 4)));
  for (;;) {
    let body: Buffer | undefined;
    try {
      body = decode(take, cap);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw e;
    }
    if (body === undefined) over = take;
    else if (body.length >= want || take === raw.length) return body.subarray(0, want);
    else short = take;
    if (over === undefined) take = Math.min(raw.length, take * 2);
    else if ((short + over) >> 1 > short) take = (short + over) >> 1;
    else return decode(over, MAX_DECODED).subarray(0, want);
  }
}

function decodeOnce(body: Buffer, coding: string, prefix: boolean, cap: number): Buffer {
  const z = zlib();
  if (coding === 'br')
    return z.brotliDecompressSync(body, {
      maxOutputLength: cap,
      ...(prefix ? { finishFlush: z.constants.BROTLI_OPERATION_FLUSH } : {}),
    });
  const options = {
    maxOutputLength: cap,
    ...(prefix ? { finishFlush: z.constants.Z_SYNC_FLUSH } : {}),
  };
  return coding === 'deflate' ? z.inflateSync(body, options) : z.gunzipSync(body, options);
}
