/** Dockerfile lines: the `# escape=` directive, continuations joined, comments and heredocs skipped. */

export interface Logical {
  readonly text: string;
  /** Offsets in `text` where each physical line starts, with its number. */
  readonly starts: readonly { readonly offset: number; readonly line: number }[];
}

export function escapeDirective(lines: readonly string[]): string {
  for (const line of lines) {
    const d = /^\s*#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
    if (!d) break;
    if (d[1]?.toLowerCase() === 'escape' && (d[2] === '`' || d[2] === '\\')) return d[2];
  }
  return '\\';
}

export function logicalLines(lines: readonly string[], escape: string): Logical[] {
  const out: Logical[] = [];
  const continued = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  let text = '';
  let starts: { offset: number; line: number }[] = [];
  let heredoc: string | null = null;
  lines.forEach((raw, i) => {
    if (heredoc !== null) {
      if (raw.trim() === heredoc) heredoc = null;
      return;
    }
    const inside = starts.length > 0;
    if (/^\s*#/.test(raw) || (inside && raw.trim() === '')) return;
    if (!inside && raw.trim() === '') return;
    starts.push({ offset: text.length, line: i + 1 });
    if (continued.test(raw)) {
      text += raw.replace(continued, '');
      return;
    }
    text += raw;
    out.push({ text, starts });
    const here = /<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(text);
    if (here && /^\s*(RUN|COPY|ADD)\b/i.test(text)) heredoc = here[2] ?? null;
    text = '';
    starts = [];
  });
  if (starts.length > 0) out.push({ text, starts });
  return out;
}
