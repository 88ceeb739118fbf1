import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { pathToFileURL } from 'node:url';
import { distFile } from '../dist-file.js';
import { RunChannel } from './fifo.js';
import { FIFO_ENV, type RunMessage } from './frames.js';

export interface ChildResult {
  /** The command's exit code; 128 + the signal number when a signal ended it. */
  readonly code: number;
  readonly signal: NodeJS.Signals | null;
  /** The command could not be started (not found, not executable). */
  readonly spawnError: string | undefined;
}

const POLL_MS = 20;

/** Signals that end a process by default and that why401 passes on to the command. */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/** A command that could not start: the shell's words and exit codes (127 not found, 126 not runnable). */
export function spawnFailure(command: string, e: NodeJS.ErrnoException): ChildResult {
  if (e.code === 'ENOENT')
    return { code: 127, signal: null, spawnError: `${command}: command not found` };
  if (e.code === 'EACCES' || e.code === 'EISDIR' || e.code === 'ENOEXEC')
    return { code: 126, signal: null, spawnError: `${command}: not executable (${e.code})` };
  return { code: 127, signal: null, spawnError: `${command}: ${e.code ?? e.message}` };
}

/** How the command is watched: the preload (Node), and variables of its own (the forward proxy's). */
export interface WatchOptions {
  /** NODE_OPTIONS gets the preload (default true). */
  readonly preload?: boolean | undefined;
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Given the function that reads what is waiting in the FIFO now (before the 20 ms poll). */
  readonly onChannel?: ((drain: () => void) => void) | undefined;
}

/** The environment of the command: our preload added to NODE_OPTIONS, the FIFO named. */
export function childEnv(fifo: string | undefined, watch: WatchOptions = {}): NodeJS.ProcessEnv {
  if (fifo === undefined) return { ...process.env, ...watch.env };
  const preload = pathToFileURL(distFile('capture/run/preload.js')).href;
  const before = process.env['NODE_OPTIONS'];
  return {
    ...process.env,
    NODE_OPTIONS: `${before ? `${before} ` : ''}--import ${preload}`,
    [FIFO_ENV]: fifo,
    ...watch.env,
  };
}

/**
 * Runs the command with the preload, handing every message from its Node processes to onMessage
 * as it comes (polled every 20 ms, drained to the last byte when the command exits). Without the
 * preload (`preload: false`), no FIFO is made and nothing is polled.
 */
export async function runWithPreload(
  command: string,
  args: readonly string[],
  onMessage: (m: RunMessage) => void,
  watch: WatchOptions = {},
): Promise<ChildResult> {
  const channel = watch.preload === false ? undefined : RunChannel.open();
  let open = true;
  const poll = () => {
    if (open && channel) for (const m of channel.drain()) onMessage(m);
  };
  const timer = channel ? setInterval(poll, POLL_MS) : undefined;
  if (channel) watch.onChannel?.(poll);
  // Ctrl-C in a terminal reaches the command too (same process group); a signal sent to why401
  // alone (an IDE's stop button, `kill -INT`, a supervisor's SIGTERM, a closed terminal's or
  // ssh session's SIGHUP, SIGQUIT) would leave it running, orphaned, and end why401 before it
  // removed its FIFO folder. So each is passed on, as npm does for its scripts, and why401 waits
  // for the command to end, removes the folder, and ends with the command's code: 128 + the
  // signal's number when the signal ended it.
  let child: ChildProcess | undefined;
  const forward = (signal: NodeJS.Signals) => child?.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  try {
    const started = spawn(command, [...args], {
      stdio: 'inherit',
      env: childEnv(channel?.path, watch),
    });
    child = started;
    return await new Promise<ChildResult>((resolve) => {
      started.once('error', (e: NodeJS.ErrnoException) => resolve(spawnFailure(command, e)));
      started.once('exit', (code, signal) =>
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
    open = false;
    channel?.close();
    for (const signal of FORWARDED) process.off(signal, forward);
  }
}
