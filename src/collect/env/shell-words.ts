/**
 * A small shell tokenizer for start-up files (bash, zsh, sh, fish): commands split on newlines
 * and `;&|`, words with quotes and escapes removed. A word that uses `$`, backticks or a command
 * substitution is marked `computed`: its value is only known when the shell runs. A CR is an
 * ordinary character, as in bash: a CRLF file leaves it at the end of the last word.
 */

export type Dialect = 'posix' | 'fish';

export interface ShellWord {
  readonly text: string;
  /** 1-based line where the word starts. */
  readonly line: number;
  readonly computed: boolean;
}

export interface ShellParse {
  readonly commands: readonly (readonly ShellWord[])[];
  /** Line of a quote that is never closed, if any. */
  readonly unterminated: number | null;
}

const BREAK = new Set([';', '&', '|', '(', ')', '\n']);

export function shellCommands(text: string, dialect: Dialect): ShellParse {
  const commands: ShellWord[][] = [];
  let command: ShellWord[] = [];
  let line = 1;
  let i = 0;
  let unterminated: number | null = null;

  const endCommand = () => {
    if (command.length > 0) commands.push(command);
    command = [];
  };

  /** Consumes a balanced `(…)` or `{…}` group starting at text[i]; returns its text. */
  const group = (open: string, close: string): string => {
    let depth = 0;
    let out = '';
    while (i < text.length) {
      const ch = text[i] ?? '';
      if (ch === '\n') line++;
      out += ch;
      i++;
      if (ch === open) depth++;
      else if (ch === close && --depth === 0) return out;
    }
    unterminated ??= line;
    return out;
  };

  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (BREAK.has(ch)) {
      if (ch === '\n') line++;
      if (ch === '(' && dialect === 'fish') {
        // a command substitution standing alone as a word
        const start = line;
        command.push({ text: group('(', ')'), line: start, computed: true });
        continue;
      }
      endCommand();
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '<' || ch === '>') {
      i++; // a redirection: its target is read as the next word
      continue;
    }
    // A word.
    const start = line;
    const wordStart = i;
    let word = '';
    let computed = false;
    while (i < text.length) {
      const c = text[i] ?? '';
      if (c === ' ' || c === '\t' || BREAK.has(c) || c === '<' || c === '>') {
        if (c === '(' && (dialect === 'fish' || word.endsWith('='))) {
          // fish command substitution, or a bash array `A=(…)`
          word += group('(', ')');
          computed = true;
          continue;
        }
        break;
      }
      if (c === '\\') {
        const next = text[i + 1];
        i += 2;
        if (next === '\n') line++;
        else if (next !== undefined) word += next;
        continue;
      }
      if (c === "'") {
        const opened = line;
        i++;
        let closed = false;
        while (i < text.length) {
          const q = text[i] ?? '';
          if (dialect === 'fish' && q === '\\' && (text[i + 1] === "'" || text[i + 1] === '\\')) {
            word += text[i + 1] ?? '';
            i += 2;
            continue;
          }
          i++;
          if (q === "'") {
            closed = true;
            break;
          }
          if (q === '\n') line++;
          word += q;
        }
        if (!closed) unterminated ??= opened;
        continue;
      }
      if (c === '"') {
        const opened = line;
        i++;
        let closed = false;
        while (i < text.length) {
          const q = text[i] ?? '';
          if (q === '\\') {
            const next = text[i + 1] ?? '';
            const escapes = dialect === 'posix' ? '$`"\\\n' : '"\\$\n';
            i += 2;
            if (next === '\n') line++;
            else if (escapes.includes(next)) word += next;
            else word += `\\${next}`;
            continue;
          }
          i++;
          if (q === '"') {
            closed = true;
            break;
          }
          if (q === '\n') line++;
          if (q === '$' || (q === '`' && dialect === 'posix')) computed = true;
          word += q;
        }
        if (!closed) unterminated ??= opened;
        continue;
      }
      if (c === '$') {
        computed = true;
        const next = text[i + 1];
        word += c;
        i++;
        if (next === '(') word += group('(', ')');
        else if (next === '{') word += group('{', '}');
        continue;
      }
      if (c === '`' && dialect === 'posix') {
        computed = true;
        const close = text.indexOf('`', i + 1);
        const end = close === -1 ? text.length : close + 1;
        const body = text.slice(i, end);
        line += body.split('\n').length - 1;
        if (close === -1) unterminated ??= start;
        word += body;
        i = end;
        continue;
      }
      word += c;
      i++;
    }
    if (i === wordStart) i++; // never stall on a character no rule consumed
    command.push({ text: word, line: start, computed });
  }
  endCommand();
  return { commands, unterminated };
}
