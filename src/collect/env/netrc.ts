import { join } from 'node:path';
import { displayPath } from './display-path.js';
import { readSmallText } from './read-text.js';
import type { NetrcEntry } from '../../evidence/env-definitions.js';

/** `machine`, `default`, `login`, `password`, `account`, `macdef` (skipped to a blank line). Pure. */
export function parseNetrc(text: string, file: string): NetrcEntry[] {
  const tokens: { text: string; line: number }[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i] ?? '';
    if (/^\s*macdef\b/.test(content)) {
      while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== '') i++;
      continue;
    }
    if (/^\s*#/.test(content)) continue;
    for (const m of content.matchAll(/"((?:\\.|[^"\\])*)"|(\S+)/g))
      tokens.push({ text: m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? '', line: i + 1 });
  }
  const entries: NetrcEntry[] = [];
  let current: {
    machine: string | null;
    password: string | null;
    hasLogin: boolean;
    line: number;
  } | null = null;
  const flush = () => {
    if (current) entries.push({ ...current, file });
    current = null;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.text === 'machine' || t.text === 'default') {
      flush();
      const machine = t.text === 'machine' ? (tokens[++i]?.text ?? '') : null;
      current = { machine, password: null, hasLogin: false, line: t.line };
    } else if (current && t.text === 'login') {
      current.hasLogin = true;
      i++;
    } else if (current && t.text === 'password') {
      const value = tokens[++i];
      current.password = value?.text ?? '';
      current.line = value?.line ?? current.line;
    } else if (current && t.text === 'account') {
      i++;
    }
  }
  flush();
  return entries;
}

/** `$NETRC`, else `~/.netrc`. */
export async function collectNetrc(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  dir: string,
): Promise<{ entries: NetrcEntry[]; warnings: string[] }> {
  const path = env['NETRC'] || (home === '' ? '' : join(home, '.netrc'));
  if (path === '') return { entries: [], warnings: [] };
  const read = await readSmallText(path);
  if (!read) return { entries: [], warnings: [] };
  const file = displayPath(path, dir, home, true);
  if (!read.ok) return { entries: [], warnings: [`${file}: skipped, ${read.skipped}`] };
  return { entries: parseNetrc(read.text, file), warnings: [] };
}
