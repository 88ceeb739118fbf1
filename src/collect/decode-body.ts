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
}

/**
 * A body as text, decoded from its `Content-Encoding`: gzip, deflate and br, stacked ones
 * (`gzip, br`: br undone first, codings are listed in the order they were applied) included,
 * each step within MAX_DECODED. What it cannot decode stays raw, and the text says so.
 */
export function decodeBody(
  raw: Buffer,
  contentEncoding: string | undefined,
  { truncated = false, prefix = false }: DecodeOptions = {},
): string {
  const enc = contentEncoding?.trim().toLowerCase() ?? '';
  const codings = enc
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0 || raw.length === 0) return raw.toString('utf8');
  if (truncated && !prefix) return `(a ${enc} body not read to its end; not decoded)`;
  if (codings.length > MAX_CODINGS || !codings.every((c) => KNOWN.has(c)))
    return `(a ${enc}-encoded body, not decoded)`;
  try {
    let body = raw;
    for (const coding of codings.reverse()) body = decodeOnce(body, coding, prefix);
    return body.toString('utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
      ? `(a ${enc} body that does not decode within ${MAX_DECODED / 1024} KiB)`
      : `(a ${enc} body that does not decode)`;
  }
}

function decodeOnce(body: Buffer, coding: string, prefix: boolean): Buffer {
  const z = zlib();
  if (coding === 'br')
    return z.brotliDecompressSync(body, {
      maxOutputLength: MAX_DECODED,
      ...(prefix ? { finishFlush: z.constants.BROTLI_OPERATION_FLUSH } : {}),
    });
  const options = {
    maxOutputLength: MAX_DECODED,
    ...(prefix ? { finishFlush: z.constants.Z_SYNC_FLUSH } : {}),
  };
  return coding === 'deflate' ? z.inflateSync(body, options) : z.gunzipSync(body, options);
}
