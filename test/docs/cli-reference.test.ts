import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { ROOT, why401 } from '../cli/helpers.js';

/**
 * docs/cli.md against the built CLI, both ways: every option a command's --help shows is named in
 * that command's section, every option a section's table lists is accepted by the command (with
 * the arity the table gives it), every command is documented, every exit code is in the table.
 * Wording is free on both sides: only option names, command names and codes are compared.
 */
const DOC = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');

/** `## \`why401 check\`` → { check: its text up to the next `## ` }. */
function sections(doc: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = doc.split(/^## /m).slice(1);
  for (const part of parts) {
    const m = /^`why401 ([a-z]+)`\n/.exec(part);
    if (m?.[1]) out.set(m[1], part);
  }
  return out;
}

const SECTIONS = sections(DOC);

/** The commands `why401 --help` lists (its Commands block). */
function commandsOfHelp(): string[] {
  const help = why401(['--help']).stdout;
  const block = help.split('\nCommands\n')[1]?.split('\n\n')[0] ?? '';
  return [...block.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] ?? '');
}

const COMMANDS = commandsOfHelp();

/** Option words of a text: `--name`, `-X` (not inside words such as read-only or Ctrl-C). */
function optionWords(text: string): Set<string> {
  return new Set([...text.matchAll(/(?<![\w-])(--?[A-Za-z][\w-]*)/g)].map((m) => m[1] ?? ''));
}

/** A help text without its examples (whose words are other programs' too: node, curl). */
function withoutExamples(help: string): string {
  return help
    .split('\n')
    .filter((l) => !/^ {2}(why401 |printf )|^ {6}then:/.test(l))
    .join('\n');
}

interface DocOption {
  readonly name: string;
  /** The table names a value after it (`--timeout MS`). */
  readonly value: boolean;
}

/** The options of a section's table: the code spans of each row's first cell. */
function tableOptions(section: string): DocOption[] {
  const out: DocOption[] = [];
  for (const row of section.split('\n').filter((l) => l.startsWith('| `-'))) {
    const cell = row.split('|')[1] ?? '';
    for (const m of cell.matchAll(/`([^`]+)`/g)) {
      const o = /^(--?[A-Za-z][\w-]*)(?: (\S.*))?$/.exec(m[1] ?? '');
      if (!o?.[1]) throw new Error(`not an option in the table: ${m[1] ?? ''}`);
      out.push({ name: o[1], value: o[2] !== undefined });
    }
  }
  return out;
}

/** A section's options written `-X`, `--method M`: the short one takes the long one's value. */
function withShortValues(options: DocOption[]): DocOption[] {
  return options.map((o, i) => {
    const next = options[i + 1];
    return o.name.length === 2 && next?.name.startsWith('--') ? { ...o, value: next.value } : o;
  });
}

function has(section: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(section);
}

describe('docs/cli.md', () => {
  it('has a section for each command of why401 --help, and none for another', () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(10);
    expect([...SECTIONS.keys()].sort()).toEqual([...COMMANDS].sort());
  });

  it('lists every exit code of src/cli/exit-codes.ts, with its name', () => {
    const rows = [...DOC.matchAll(/^\| (\d+) +\| `(\w+)` +\|/gm)].map((m) => [m[2], Number(m[1])]);
    expect(rows.sort()).toEqual(Object.entries(EXIT).sort());
  });

  it.each(COMMANDS)('%s: every option its --help shows is named in its section', (command) => {
    const run = why401([command, '--help']);
    expect(run.status).toBe(0);
    const section = SECTIONS.get(command) ?? '';
    const missing = [...optionWords(withoutExamples(run.stdout))].filter((w) => !has(section, w));
    expect(missing, `add to docs/cli.md under why401 ${command}`).toEqual([]);
  });

  it.each(COMMANDS)('%s: every option its table lists is accepted', (command) => {
    const options = withShortValues(tableOptions(SECTIONS.get(command) ?? ''));
    expect(options.length).toBeGreaterThan(1);
    // curl takes check's options before a `--`, run its own before the command's
    const tail = command === 'curl' || command === 'run' ? ['--'] : [];
    const refused: string[] = [];
    for (const o of options) {
      if (o.name === '--help' || o.name === '-h') continue;
      const args = o.value ? (o.name.startsWith('--') ? [`${o.name}=x`] : [o.name, 'x']) : [o.name];
      const run = why401([command, ...args, '--help', ...tail]);
      if (run.status !== 0 || !run.stdout.startsWith(`Usage: why401 ${command}`))
        refused.push(`${args.join(' ')}: ${run.stderr.trim()}`);
    }
    expect(refused).toEqual([]);
  });

  it('names every JSON schema the code prints', () => {
    const schemas = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
          for (const m of readFileSync(path, 'utf8').matchAll(/'(why401\/[a-z-]+@\d+)'/g))
            schemas.add(m[1] ?? '');
      }
    };
    walk(join(ROOT, 'src'));
    expect(schemas.size).toBeGreaterThan(5);
    expect([...schemas].filter((s) => !DOC.includes(s))).toEqual([]);
  });
});
