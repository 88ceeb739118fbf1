import { shellCommands, type Dialect, type ShellWord } from './shell-words.js';

/** One variable a start-up file sets. */
export interface ShellAssignment {
  readonly name: string;
  /** null when computed at start-up (`$(…)`, `$OTHER`). */
  readonly value: string | null;
  readonly line: number;
  readonly exported: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words that may come before a command: `then export A=1`, fish `and set -x A 1`. */
const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '{',
  '!',
  'and',
  'or',
  'not',
  'begin',
]);

/**
 * `export NAME=…`, `declare -x NAME=…`, a bare `NAME=…`, and fish `set -x` / `set -gx` /
 * `set --export`. Pure: the text of one start-up file in, its assignments out.
 */
export function shellAssignments(
  text: string,
  dialect: Dialect,
): { assignments: ShellAssignment[]; unterminated: number | null } {
  const parsed = shellCommands(text, dialect);
  const assignments: ShellAssignment[] = [];
  for (const command of parsed.commands) {
    let start = 0;
    while (start < command.length && KEYWORDS.has(command[start]?.text ?? '')) start++;
    const words = command.slice(start);
    assignments.push(...(dialect === 'fish' ? fishSet(words) : posixAssign(words)));
  }
  return { assignments, unterminated: parsed.unterminated };
}

function split(word: ShellWord, exported: boolean): ShellAssignment | null {
  const eq = word.text.indexOf('=');
  if (eq <= 0) return null;
  const name = word.text.slice(0, eq);
  if (!NAME.test(name)) return null;
  return {
    name,
    value: word.computed ? null : word.text.slice(eq + 1),
    line: word.line,
    exported,
  };
}

function posixAssign(words: readonly ShellWord[]): ShellAssignment[] {
  const head = words[0]?.text;
  if (head === 'export' || head === 'declare' || head === 'typeset') {
    const options = words.slice(1).filter((w) => w.text.startsWith('-'));
    if (options.some((o) => /^-[a-z]*[np]/.test(o.text))) return []; // export -n, -p
    if (head !== 'export' && !options.some((o) => /^-[a-z]*x/.test(o.text))) return [];
    return words
      .slice(1)
      .filter((w) => !w.text.startsWith('-'))
      .flatMap((w) => split(w, true) ?? []);
  }
  // `A=1 B=2` sets shell variables; `A=1 cmd` only sets A for cmd.
  const all = words.map((w) => split(w, false));
  return all.every((a) => a !== null) ? (all as ShellAssignment[]) : [];
}

function fishSet(words: readonly ShellWord[]): ShellAssignment[] {
  if (words[0]?.text !== 'set') return [];
  let i = 1;
  let exported = false;
  while (i < words.length && (words[i]?.text ?? '').startsWith('-')) {
    const option = words[i]?.text ?? '';
    if (/^--(erase|query|names|show)$/.test(option) || /^-[a-zA-Z]*[eqnS]/.test(option)) return [];
    if (option === '--export' || /^-[a-zA-Z]*x/.test(option)) exported = true;
    i++;
  }
  const nameWord = words[i];
  if (!exported || !nameWord || !NAME.test(nameWord.text)) return [];
  const values = words.slice(i + 1);
  return [
    {
      name: nameWord.text,
      value: values.some((v) => v.computed) ? null : values.map((v) => v.text).join(' '),
      line: nameWord.line,
      exported: true,
    },
  ];
}
