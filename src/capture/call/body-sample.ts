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
