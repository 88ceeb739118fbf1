import { specOf } from '../../findings/catalog/index.js';
import { findingDocsUrl } from '../../findings/docs.js';
import { FINDING_IDS, isFindingId, type FindingId } from '../../findings/ids.js';
import { STATUS_EXPLAINED, statusKey } from '../../findings/status-codes.js';
import { usageError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';
import { styleFor, writeOut } from '../io.js';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, nameOption, nearNames, parsed } from '../options.js';

export const EXPLAIN_HELP = `Usage: why401 explain <finding-id | status code> [--json]

The long form of a finding (what it means, how it happens, how to confirm and fix it), or what a
status code means for a refused call. "why401 explain --list" lists every finding id.

Options
  --list        every finding id with its title
  --json        the explanation (why401/explain@1), or with --list the ids
                (why401/finding-ids@1: { schema, ids: [...] }), as one JSON object
  --no-color    no colours (NO_COLOR is honoured too)

Examples
  why401 explain key.newline
  why401 explain 407
  why401 explain --list`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parsed(
    () =>
      parseArgs({
        args,
        options: { ...COMMON_OPTIONS, list: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      }),
    'explain',
  );
  if (values.help) {
    writeOut(EXPLAIN_HELP);
    return EXIT.accepted;
  }
  const style = styleFor(1, values['no-color'] === true);
  if (values.list) {
    writeOut(
      values.json
        ? JSON.stringify({ schema: 'why401/finding-ids@1', ids: FINDING_IDS }, null, 2)
        : FINDING_IDS.map((id) => `${id.padEnd(30)} ${specOf(id).title}`).join('\n'),
    );
    return EXIT.accepted;
  }
  if (positionals.length > 1)
    throw usageError(`explain takes one finding id or status code, got ${positionals.length}`);
  const [topic] = positionals;
  if (topic === undefined)
    throw usageError('explain what? Give a finding id (key.newline) or a status code (401)');
  nameOption(
    'explain',
    topic,
    'a finding id (key.newline) or a status code (401)',
    'why401 explain --list lists the ids',
  );
  if (isFindingId(topic)) {
    writeOut(
      values.json
        ? JSON.stringify({ schema: 'why401/explain@1', ...explainJson(topic) }, null, 2)
        : explainHuman(topic, style),
    );
    return EXIT.accepted;
  }
  const status = statusKey(topic);
  if (status) {
    const s = STATUS_EXPLAINED[status];
    if (s) {
      writeOut(
        values.json
          ? JSON.stringify({ schema: 'why401/explain@1', status: topic, ...s }, null, 2)
          : `${style.bold(s.title)}\n\n${wrap(s.text)}\n\nRelated findings: ${s.related.join(', ')}`,
      );
      return EXIT.accepted;
    }
  }
  const near = [
    ...new Set([
      ...FINDING_IDS.filter((id) => id.includes(topic.toLowerCase()) || id.split('.')[1] === topic),
      ...nearNames(topic, FINDING_IDS),
    ]),
  ];
  const hint =
    near.length > 0
      ? ` Did you mean: ${near.slice(0, 5).join(', ')}?`
      : ' Run why401 explain --list.';
  throw usageError(`no finding id or status code "${topic}".${hint}`);
}

function explainJson(id: FindingId) {
  const s = specOf(id);
  return {
    id,
    severity: s.severity,
    title: s.title,
    ...s.explain,
    fixDefault: typeof s.fix === 'string' ? s.fix : null,
    docs: findingDocsUrl(id),
  };
}

function explainHuman(id: FindingId, style: ReturnType<typeof styleFor>): string {
  const s = specOf(id);
  const section = (name: string, text: string) => `${style.bold(name)}\n${wrap(text, '  ')}`;
  return [
    `${style.bold(id)} (${s.severity}): ${s.title}`,
    '',
    section('What it means', s.explain.meaning),
    '',
    section('How it happens', s.explain.causes),
    '',
    section('How to confirm', s.explain.confirm),
    '',
    section('How to fix', s.explain.fix),
    '',
    `${style.dim('Docs:')} ${findingDocsUrl(id)}`,
  ].join('\n');
}

/** Wraps prose at 96 columns. */
export function wrap(text: string, indent = ''): string {
  const out: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/)) {
    if (line.length + word.length > 96 && line.trim()) {
      out.push(line.trimEnd());
      line = indent;
    }
    line += `${word} `;
  }
  out.push(line.trimEnd());
  return out.join('\n');
}
