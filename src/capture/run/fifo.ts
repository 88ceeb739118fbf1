import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FrameReader, type RunMessage } from './frames.js';

/**
 * The channel from the app's processes to why401: a FIFO in a private temporary folder (0700),
 * so nothing the app sends is ever written to disk. why401 holds it open for reading and writing,
 * so the app's processes can open it at any time and it never reads end-of-file between them.
 */
export class RunChannel {
  readonly path: string;
  readonly #dir: string;
  readonly #fd: number;
  readonly #reader = new FrameReader();
  readonly #buffer = Buffer.alloc(64 * 1024);

  private constructor(dir: string, path: string, fd: number) {
    this.#dir = dir;
    this.path = path;
    this.#fd = fd;
  }

  static open(): RunChannel {
    const dir = mkdtempSync(join(tmpdir(), 'why401-run-'));
    const path = join(dir, 'calls.fifo');
    const made = spawnSync('mkfifo', ['-m', '600', path], { stdio: 'ignore' });
    if (made.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error('mkfifo is not available: why401 run needs a POSIX system (Linux, macOS)');
    }
    const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
    return new RunChannel(dir, path, fd);
  }

  /** Every message written so far (non-blocking). */
  drain(): RunMessage[] {
    const out: RunMessage[] = [];
    for (;;) {
      let n: number;
      try {
        n = readSync(this.#fd, this.#buffer, 0, this.#buffer.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw e;
      }
      if (n <= 0) break;
      out.push(...this.#reader.push(this.#buffer.toString('latin1', 0, n)));
    }
    return out;
  }

  close(): void {
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
