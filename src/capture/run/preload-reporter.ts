import { openSync, writeSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { encodeFrames, FIFO_ENV, type RunMessage } from './frames.js';

/**
 * Writes messages to why401's FIFO with synchronous writes: nothing is lost when the app exits
 * right after a call, and nothing keeps its event loop alive. Any failure turns reporting off;
 * the app itself is never disturbed.
 */
export class Reporter {
  #fd: number | undefined;
  #off = false;
  /** Worker threads share the pid: each thread numbers its messages in its own range. */
  #seq = threadId * 1_000_000_000;

  constructor(readonly path: string) {}

  send(message: RunMessage): void {
    if (this.#off) return;
    try {
      this.#fd ??= openSync(this.path, 'w');
      for (const line of encodeFrames(message, ++this.#seq)) writeSync(this.#fd, line);
    } catch {
      this.#off = true;
    }
  }
}

export function reporterFromEnv(): Reporter | undefined {
  const path = process.env[FIFO_ENV];
  return path ? new Reporter(path) : undefined;
}
