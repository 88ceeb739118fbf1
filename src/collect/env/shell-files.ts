import { join } from 'node:path';
import { displayPath } from './display-path.js';
import type { Collected } from './dotenv-files.js';
import { readSmallText } from './read-text.js';
import { shellAssignments } from './shell-assignments.js';
import type { Dialect } from './shell-words.js';

/** Start-up files under $HOME, in the order a login shell of each kind reads them. */
const STARTUP_FILES: readonly { path: string; shell: string; dialect: Dialect }[] = [
  { path: '.profile', shell: 'sh', dialect: 'posix' },
  { path: '.bash_profile', shell: 'bash', dialect: 'posix' },
  { path: '.bash_login', shell: 'bash', dialect: 'posix' },
  { path: '.bashrc', shell: 'bash', dialect: 'posix' },
  { path: '.zshenv', shell: 'zsh', dialect: 'posix' },
  { path: '.zprofile', shell: 'zsh', dialect: 'posix' },
  { path: '.zshrc', shell: 'zsh', dialect: 'posix' },
  { path: '.config/fish/config.fish', shell: 'fish', dialect: 'fish' },
];

/** Variables the user's shell start-up files set: they reach every app started from a new shell. */
export async function collectShellFiles(home: string, dir: string): Promise<Collected> {
  const out: Collected = { definitions: [], files: [], warnings: [] };
  if (home === '') return out;
  for (const f of STARTUP_FILES) {
    const path = join(home, f.path);
    const read = await readSmallText(path);
    if (!read) continue;
    const file = displayPath(path, dir, home, true);
    if (!read.ok) {
      out.warnings.push(`${file}: skipped, ${read.skipped}`);
      continue;
    }
    const { assignments, unterminated } = shellAssignments(read.text, f.dialect);
    if (unterminated !== null)
      out.warnings.push(`${file}:${unterminated}: a quote is never closed; read up to there`);
    out.files.push({ file, kind: 'shell', crlf: /\r\n/.test(read.text) });
    for (const a of assignments) {
      out.definitions.push({
        kind: 'shell',
        name: a.name,
        value: a.value,
        file,
        line: a.line,
        tool: a.exported ? f.shell : `${f.shell} (not exported here)`,
        group: `shell:${file}`,
        priority: 0,
        canWin: false,
        ...(a.value === null ? { note: 'computed when the shell starts' } : {}),
      });
    }
  }
  return out;
}
