import { closeSync, openSync, readSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join } from 'node:path';

/** What is read of a binary to know it was built by Go (its build ID sits in the first pages). */
const HEAD_BYTES = 16 * 1024;
/** ELF: the `.note.go.buildid` note, type 4 then the name "Go\0\0" (little-endian, at ~0xf9c). */
const ELF_GO_NOTE = Buffer.from([4, 0, 0, 0, 0x47, 0x6f, 0, 0]);
/** Mach-O and PE: the build ID string Go writes at the start of the text. */
const GO_BUILD_ID = Buffer.from('\xff Go build ID: "', 'latin1');

/**
 * Is the command Go: the `go` tool (`go run`, `go test`) or a binary Go built? Go's net/http
 * never proxies `localhost` or a loopback IP (hard-coded in x/net/http/httpproxy), whatever the
 * variables say, so run tells the user when such a command made no call it could see. The
 * binary is found on PATH as the shell would and its first 16 KiB read; any error: not Go.
 */
export function isGoCommand(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (basename(program) === 'go') return true;
  for (const file of candidates(program, env)) {
    const head = readHead(file);
    if (head === undefined) continue;
    const elf = head.subarray(0, 4).toString('latin1') === '\x7fELF';
    return elf ? head.includes(ELF_GO_NOTE) : head.includes(GO_BUILD_ID);
  }
  return false;
}

function candidates(program: string, env: NodeJS.ProcessEnv): string[] {
  if (program.includes('/')) return [program];
  const dirs = (env['PATH'] ?? '').split(delimiter).filter((dir) => isAbsolute(dir));
  return dirs.map((dir) => join(dir, program));
}

function readHead(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    return head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What run says under its summary when a Go command made no call it saw. */
export const GO_LOOPBACK_HINT =
  `  Go never sends a call to localhost or a 127.x/::1 address through a proxy (net/http's own rule; no variable changes it), so a Go app calling a local API directly is not seen.\n` +
  `  Call it by a name and map that name to the API: why401 run --map api.local=http://127.0.0.1:8080 -- go run . (the app calling http://api.local);\n` +
  `  or run why401 capture --target http://127.0.0.1:8080 and point the app at capture (http://127.0.0.1:8401).`;
