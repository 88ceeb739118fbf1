import zlib from 'node:zlib';
import { BODY_SAMPLE_BYTES } from './observed-call.js';

/** Keeps the first 64 KiB of a stream that is piped on untouched: a tee that never buffers more. */
export class BodySample {
  readonly #chunks: Buffer[] = [];
  #kept = 0;
  #seen = 0;

  constructor(readonly limit = BODY_SAMPLE_BYTES) {}

  add(chunk: Buffer): void {
    this.#seen += chunk.length;
    if (this.#kept >= this.limit) return;
    const room = this.limit - this.#kept;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.#chunks.push(part);
    this.#kept += part.length;
  }

  get bytes(): number {
    return this.#seen;
  }

  get truncated(): boolean {
    return this.#seen > this.#kept;
  }

  buffer(): Buffer {
    return this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks);
  }
}

const MAX_DECODED = 1024 * 1024;

/**
 * The sample as text: decompressed when content-encoded (a cut-off gzip stream still yields its
 * beginning), within a 1 MiB output cap.
 */
export function decodeSample(raw: Buffer, encoding: string | undefined): string {
  const enc = encoding?.trim().toLowerCase();
  if (!enc || enc === 'identity' || raw.length === 0) return raw.toString('utf8');
  const lenient = { maxOutputLength: MAX_DECODED, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  try {
    const out =
      enc === 'gzip' || enc === 'x-gzip'
        ? zlib.gunzipSync(raw, lenient)
        : enc === 'deflate'
          ? zlib.inflateSync(raw, lenient)
          : enc === 'br'
            ? zlib.brotliDecompressSync(raw, {
                maxOutputLength: MAX_DECODED,
                finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
              })
            : undefined;
    return out ? out.toString('utf8') : `(a ${enc}-encoded body, not decoded)`;
  } catch {
    return `(a ${enc} body that does not decode)`;
  }
}
