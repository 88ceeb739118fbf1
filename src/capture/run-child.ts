import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { pathToFileURL } from 'node:url';
import { distFile } from './dist-file.js';
import { RunChannel } from './run-fifo.js';
import { FIFO_ENV, type RunMessage } from './run-frames.js';

export interface ChildResult {
  /** The command's exit code; 128 + the signal number when a signal ended it. */
  readonly code: number;
  readonly signal: NodeJS.Signals | null;
  /** The command could not be started (not found, not executable). */
  readonly spawnError: string | undefined;
}

const POLL_MS = 20;

/** A command that could not start: the shell's words and exit codes (127 not found, 126 not runnable). */
export function spawnFailure(command: string, e: NodeJS.ErrnoException): ChildResult {
  if (e.code === 'ENOENT')
    return { code: 127, signal: null, spawnError: `${command}: command not found` };
  if (e.code === 'EACCES' || e.code === 'EISDIR' || e.code === 'ENOEXEC')
    return { code: 126, signal: null, spawnError: `${command}: not executable (${e.code})` };
  return { code: 127, signal: null, spawnError: `${command}: ${e.code ?? e.message}` };
}

/** The environment of the command: our preload added to NODE_OPTIONS, the FIFO named. */
export function childEnv(fifo: string): NodeJS.ProcessEnv {
  const preload = pathToFileURL(distFile('capture/preload.js')).href;
  const before = process.env['NODE_OPTIONS'];
  return {
    ...process.env,
    NODE_OPTIONS: `${before ? `${before} ` : ''}--import ${preload}`,
    [FIFO_ENV]: fifo,
  };
}

/**
 * Runs the command with the preload, handing every message from its Node processes to onMessage
 * as it comes (polled every 20 ms, drained to the last byte when the command exits).
 */
export async function runWithPreload(
  command: string,
  args: readonly string[],
  onMessage: (m: RunMessage) => void,
): Promise<ChildResult> {
  const channel = RunChannel.open();
  const poll = () => {
    for (const m of channel.drain()) onMessage(m);
  };
  const timer = setInterval(poll, POLL_MS);
  // Ctrl-C in a terminal reaches the command too (same process group); a SIGINT sent to why401
  // alone (an IDE's stop button, `kill -INT`, a supervisor) would leave it running. So both are
  // passed on, as npm does for its scripts, and why401 waits for the command to end, then reports.
  const interrupt = () => child.kill('SIGINT');
  process.on('SIGINT', interrupt);
  const forward = () => child.kill('SIGTERM');
  process.on('SIGTERM', forward);
  const child = spawn(command, [...args], { stdio: 'inherit', env: childEnv(channel.path) });
  try {
    return await new Promise<ChildResult>((resolve) => {
      child.once('error', (e: NodeJS.ErrnoException) => resolve(spawnFailure(command, e)));
      child.once('exit', (code, signal) =>
        resolve({
          code: code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0),
          signal,
          spawnError: undefined,
        }),
      );
    });
  } finally {
    clearInterval(timer);
    poll();
    channel.close();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', forward);
  }
}
