/**
 * `why401 run` sent a signal on its own (a closed terminal's SIGHUP, SIGQUIT, a supervisor's
 * SIGTERM, an IDE's SIGINT): it passes the signal on to the command, waits for it, removes its
 * FIFO folder and ends with 128 + the signal's number. Before, SIGHUP and SIGQUIT ended why401 at
 * once: the folder stayed in the temp dir and the command ran on, orphaned.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cleanEnv } from './support.js';

/** Says it is ready with its pid, then waits forever. */
const APP = `process.stdout.write('ready ' + process.pid + '\\n');\nsetInterval(() => {}, 60_000);\n`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('why401 run -- <command>, then one signal to why401 alone', () => {
  let root: string;
  const started: number[] = [];
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'why401-run-signals-'));
    writeFileSync(join(root, 'app.mjs'), APP);
  });
  afterAll(() => {
    // A command orphaned by a failing run: ended here, by its pid.
    for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it.each(['SIGHUP', 'SIGQUIT', 'SIGTERM', 'SIGINT'] as const)(
    '%s: passed on, the command ended, the FIFO folder removed, exit 128 + signal',
    async (signal) => {
      const tmp = join(root, `tmp-${signal}`);
      mkdirSync(tmp);
      const cli = spawn(process.execPath, [CLI, 'run', '--', process.execPath, 'app.mjs'], {
        cwd: root,
        env: cleanEnv({ TMPDIR: tmp, NODE_NO_WARNINGS: '1' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      cli.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
      // `exit`, not `close`: a command orphaned by why401's end keeps its output pipes open.
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
        (resolve) => cli.once('exit', (code, sig) => resolve({ code, signal: sig })),
      );
      const closed = new Promise<void>((resolve) => cli.once('close', () => resolve()));
      // Ready when the command says so: why401 passes signals on from before it starts it.
      const pid = await new Promise<number>((resolve, reject) => {
        cli.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          const m = /ready (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        void exited.then(() => reject(new Error(`why401 run ended first: ${err.slice(0, 500)}`)));
      });
      started.push(pid);
      expect(readdirSync(tmp).filter((n) => n.startsWith('why401-run-'))).toHaveLength(1);

      cli.kill(signal);
      const result = await exited;

      expect(result, err).toEqual({ code: 128 + constants.signals[signal], signal: null });
      await closed;
      expect(err).toContain(`was ended by ${signal}`);
      expect(readdirSync(tmp)).toEqual([]);
      expect(alive(pid)).toBe(false);
    },
  );
});
