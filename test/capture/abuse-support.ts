/**
 * Helpers for the abuse tests of capture: what a process holds (from /proc, Linux only), a raw
 * TCP exchange that writes bytes exactly as given, and a reader for HTTP/1.1 answers that came
 * back to back on one connection.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

export interface ProcStats {
  /** Resident set size in KiB, the process and its descendants. */
  readonly rssKb: number;
  /** Open file descriptors that are sockets, the process and its descendants. */
  readonly sockets: number;
}

export const HAS_PROC = (() => {
  try {
    readFileSync('/proc/self/status', 'utf8');
    return true;
  } catch {
    return false;
  }
})();

function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    } catch {
      // the task ended meanwhile
    }
  }
  return out;
}

function own(pid: number): ProcStats {
  let rssKb = 0;
  let sockets = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) sockets++;
      } catch {
        // closed between the listing and the link
      }
    }
  } catch {
    // the process ended
  }
  return { rssKb, sockets };
}

function tree(pid: number): number[] {
  const all: number[] = [];
  const todo = [pid];
  for (let p = todo.pop(); p !== undefined; p = todo.pop()) {
    all.push(p);
    todo.push(...children(p));
  }
  return all;
}

/** RSS and open sockets of a process and everything it started (a future worker, say). */
export function procStats(pid: number): ProcStats {
  let rssKb = 0;
  let sockets = 0;
  for (const p of tree(pid)) {
    const s = own(p);
    rssKb += s.rssKb;
    sockets += s.sockets;
  }
  return { rssKb, sockets };
}

/**
 * The remote ports of the TCP connections a process (and its descendants) holds open: which
 * clients it still has a socket for, whatever else it has open (upstream pools, pipes).
 */
export function peerPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const p of tree(pid)) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${p}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${p}/fd/${fd}`));
        if (m?.[1]) inodes.add(m[1]);
      } catch {
        // closed between the listing and the link
      }
    }
  }
  const ports: number[] = [];
  for (const table of [`/proc/${pid}/net/tcp`, `/proc/${pid}/net/tcp6`]) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const remote = f[2]?.split(':')[1];
      if (remote && f[9] && inodes.has(f[9])) ports.push(parseInt(remote, 16));
    }
  }
  return ports;
}

export interface RawResult {
  /** Every byte the server sent before it closed (or before `until` held). */
  readonly data: Buffer;
  /** How the connection ended: the server closed it, reset it, or we stopped reading. */
  readonly end: 'closed' | 'reset' | 'stopped';
}

/**
 * Connects, writes the chunks (each one write), and collects what comes back until the server
 * closes the connection, or `until` says enough arrived (then we close it).
 */
export function rawExchange(
  port: number,
  chunks: readonly (Buffer | string)[],
  until?: (data: Buffer) => boolean,
): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const got: Buffer[] = [];
    let done = false;
    const finish = (end: RawResult['end']) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ data: Buffer.concat(got), end });
    };
    socket.setNoDelay(true);
    socket.on('connect', () => {
      for (const c of chunks) if (!socket.destroyed) socket.write(c, () => undefined);
    });
    socket.on('data', (c: Buffer) => {
      got.push(c);
      if (until?.(Buffer.concat(got))) finish('stopped');
    });
    socket.on('error', () => finish('reset'));
    socket.on('close', () => finish('closed'));
  });
}

export interface ParsedAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** HTTP/1.1 answers back to back (content-length or chunked framing); stops at a partial one. */
export function parseAnswers(data: Buffer): ParsedAnswer[] {
  const out: ParsedAnswer[] = [];
  let at = 0;
  while (at < data.length) {
    const headEnd = data.indexOf('\r\n\r\n', at);
    if (headEnd < 0) break;
    const lines = data.subarray(at, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? NaN);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let p = headEnd + 4;
    let body: Buffer;
    if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      for (;;) {
        const eol = data.indexOf('\r\n', p);
        if (eol < 0) return out;
        const size = parseInt(data.subarray(p, eol).toString('latin1'), 16);
        if (!Number.isFinite(size) || eol + 2 + size + 2 > data.length) return out;
        p = eol + 2;
        if (size === 0) {
          const trailerEnd = data.indexOf('\r\n', p);
          if (trailerEnd < 0) return out;
          p = trailerEnd + 2; // no trailers expected here
          break;
        }
        parts.push(data.subarray(p, p + size));
        p += size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      const length = Number(headers['content-length'] ?? 0);
      if (p + length > data.length) return out;
      body = data.subarray(p, p + length);
      p += length;
    }
    out.push({ status, headers, body });
    at = p;
  }
  return out;
}
