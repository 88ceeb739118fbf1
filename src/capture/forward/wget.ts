import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MAX_WGETRC = 256 * 1024;

/**
 * The user's own wgetrc (WGETRC, else $HOME/.wgetrc), as text; '' when there is none or it cannot be
 * read. wget reads ~/.wgetrc only while WGETRC is unset, so the run's file must carry it.
 */
export function usersWgetrc(parent: NodeJS.ProcessEnv): { text: string; home: string } {
  const home = parent['HOME'] ?? '';
  const file = parent['WGETRC'] || (home && join(home, '.wgetrc'));
  if (!file) return { text: '', home };
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_WGETRC) return { text: '', home };
    return { text: readFileSync(file, 'utf8'), home };
  } catch {
    return { text: '', home };
  }
}

/**
 * The CA files a wgetrc names (`ca_certificate = …`; wget reads commands regardless of case,
 * `_` and `-`, and expands a leading `~/`): their certificates go into the run's bundle, which
 * then replaces them.
 */
export function wgetrcCaFiles(text: string, home: string): string[] {
  const files: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || m[1]?.replace(/[_-]/g, '').toLowerCase() !== 'cacertificate' || !m[2]) continue;
    const file = m[2].startsWith('~/') ? join(home, m[2].slice(2)) : m[2];
    files.push(file);
  }
  return files;
}

/**
 * The run's wgetrc, for WGETRC: the user's own, then `ca_certificate` naming the bundle (a later
 * command wins). Debian's wget is built with GnuTLS, which reads no SSL_CERT_FILE.
 */
export function writeWgetrc(dir: string, usersText: string, bundleFile: string): string {
  const file = join(dir, 'wgetrc');
  const own = usersText === '' || usersText.endsWith('\n') ? usersText : `${usersText}\n`;
  writeFileSync(
    file,
    `${own}# why401 run: the run's CA bundle (system roots included)\nca_certificate = ${bundleFile}\n`,
    {
      mode: 0o600,
    },
  );
  return file;
}
