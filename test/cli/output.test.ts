/**
 * How the CLI writes (src/cli/io.ts): straight to the descriptor, with the stream kept for a
 * descriptor another process made non-blocking, and a reader that leaves ends the output quietly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

const env = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };
/** `providers --json` prints about twice what a pipe holds: writes must wait for the reader. */
const LARGE = ['providers', '--json'];

describe('output', () => {
  it('a reader that leaves early (`why401 … | head -c 100`): exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [BIN, ...LARGE], { cwd: ROOT, env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('a non-blocking stdout (another process made it so): every byte, in order', () => {
    // A net.Socket on fd 1 (a pipe) sets O_NONBLOCK on it, as a parent sharing the pipe can;
    // 4 MiB is more than a pipe holds, so writes meet EAGAIN and go on through process.stdout.
    const runtime = join(ROOT, 'dist', 'cli', 'runtime.cjs');
    const script = `new (require('node:net').Socket)({ fd: 1, readable: false }).unref();
      require(${JSON.stringify(runtime)}).modules['src/cli/io.ts'].writeOut('0123456789abcdef'.repeat(1 << 18));`;
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${'0123456789abcdef'.repeat(1 << 18)}\n`);
  });
});
