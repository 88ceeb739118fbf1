import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { COLOR, PLAIN, type Style } from '../report/style.js';
import { toTerminal } from '../secret/printable.js';
import { scrub } from '../secret/scrub.js';

/** 1: stdout (results), 2: stderr (progress, warnings, errors). */
export type Output = 1 | 2;

/**
 * Every byte the CLI prints goes through here, stdout for results: scrubbed of credentials, then
 * made printable (a server's or a file's control, bidi and invisible characters shown by name,
 * `\uXXXX` in JSON), and only then given why401's own colours (see `toTerminal`).
 */
export function writeOut(text: string): void {
  write(1, text);
}

/**
 * A command's result and its exit code: the code is set before the text is written, so a reader
 * that leaves early (`why401 check … | head`, under `set -o pipefail`) still gets it, not 0.
 */
export function writeResult(text: string, code: number): number {
  process.exitCode = code;
  writeOut(text);
  return code;
}

/** Progress, warnings and errors: stderr, scrubbed too. */
export function writeErr(text: string): void {
  write(2, text);
}

/**
 * Written to the file descriptor at once, not through process.stdout: creating that stream loads
 * Node's whole stream stack, milliseconds of a start that prints one screen. A descriptor that
 * cannot take bytes now (EAGAIN: another process made it non-blocking) and Windows consoles
 * (which need the stream's UTF-16 writes) get the stream, from then on.
 */
const streamed = new Set<Output>(process.platform === 'win32' ? [1, 2] : []);

function write(fd: Output, text: string): void {
  let data = Buffer.from(toTerminal(scrub(text.endsWith('\n') ? text : `${text}\n`)));
  try {
    while (data.length > 0 && !streamed.has(fd)) data = data.subarray(writeSync(fd, data));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // `why401 … | head`: a closed pipe ends the output, not the process with a stack trace.
    if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (code === 'EBADF') return; // a closed descriptor: nowhere to write
    if (code !== 'EAGAIN') throw error;
    streamed.add(fd);
  }
  if (data.length > 0) streamOf(fd).write(data);
}

function streamOf(fd: Output): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (stream.listenerCount('error') === 0)
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  return stream;
}

/**
 * Whether the output is a terminal. A pipe or a file (CI, `| jq`, a redirect) is answered by
 * fstat; node:tty (and the net module under it) loads only for a character device.
 */
export function isTerminal(fd: Output): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false; // a closed descriptor
  }
  const tty = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(fd);
}

/** Colour only on a TTY, never with NO_COLOR (any non-empty value) or --no-color. */
export function styleFor(fd: Output, noColorFlag = false): Style {
  if (noColorFlag) return PLAIN;
  if (process.env['NO_COLOR']) return PLAIN;
  if (process.env['FORCE_COLOR'] && process.env['FORCE_COLOR'] !== '0') return COLOR;
  return isTerminal(fd) ? COLOR : PLAIN;
}
