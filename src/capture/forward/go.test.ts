import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isGoCommand } from './go.js';

const dir = mkdtempSync(join(tmpdir(), 'why401-go-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `size` bytes with `bytes` at `at` (the rest zeros). */
const file = (name: string, parts: [number, Buffer][], size = 8192) => {
  const body = Buffer.alloc(size);
  for (const [at, bytes] of parts) bytes.copy(body, at);
  writeFileSync(join(dir, name), body, { mode: 0o755 });
  return join(dir, name);
};
const ELF = Buffer.from('\x7fELF', 'latin1');
// .note.go.buildid as Go 1.19 writes it at 0xf9c: namesz 4, descsz, type 4, "Go\0\0", the ID.
const NOTE = Buffer.from([4, 0, 0, 0, 0x53, 0, 0, 0, 4, 0, 0, 0, 0x47, 0x6f, 0, 0]);

describe('isGoCommand', () => {
  const goElf = file('go-elf', [
    [0, ELF],
    [0xf9c, NOTE],
  ]);
  const cElf = file('c-elf', [
    [0, ELF],
    [0x400, Buffer.from('GCC: (Debian 12.2.0-14) 12.2.0 Go\0\0')],
  ]);
  const machO = file('go-macho', [
    [0, Buffer.from([0xcf, 0xfa, 0xed, 0xfe])],
    [0x1000, Buffer.from('\xff Go build ID: "abc/def"', 'latin1')],
  ]);
  const script = join(dir, 'app.sh');
  writeFileSync(script, '#!/bin/sh\nexec ./go-app\n', { mode: 0o755 });
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'tool'), Buffer.concat([ELF, Buffer.alloc(0xf98), NOTE]), {
    mode: 0o755,
  });
  mkdirSync(join(dir, 'dir-first', 'tool'), { recursive: true });

  it.each([
    ['the go tool, by name', 'go', {}, true],
    ['the go tool, by path', '/usr/local/go/bin/go', {}, true],
    ['an ELF binary with Go’s build ID note', goElf, {}, true],
    ['an ELF binary without it (a C program)', cElf, {}, false],
    ['a Mach-O binary with Go’s build ID string', machO, {}, true],
    ['a shell script that starts a Go binary: not known', script, {}, false],
    ['a binary found on PATH, as the shell finds it', 'tool', { PATH: bin }, true],
    [
      'a folder of that name first on PATH is passed over',
      'tool',
      { PATH: `${join(dir, 'dir-first')}:${bin}` },
      true,
    ],
    ['a relative PATH entry is not searched', 'tool', { PATH: 'bin' }, false],
    ['nothing by that name', 'no-such-program', { PATH: bin }, false],
    ['a path that does not exist', join(dir, 'missing'), {}, false],
    ['node itself', process.execPath, {}, false],
  ])('%s', (_name, program, env, expected) => {
    expect(isGoCommand(program, env)).toBe(expected);
  });
});
