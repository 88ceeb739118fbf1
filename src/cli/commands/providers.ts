import { usageError } from '../../errors.js';
import { PROVIDERS } from '../../providers/catalog/index.js';
import { describePlacement } from '../../providers/placement.js';
import type { Provider } from '../../providers/types.js';
import { EXIT } from '../exit-codes.js';
import { styleFor, writeOut } from '../io.js';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, parsed } from '../options.js';
import { providerOf } from '../provider-option.js';

export const PROVIDERS_HELP = `Usage: why401 providers [id] [--json]

Without an id: every provider with its auth format. With an id: the auth format, companion
headers, key shapes, validation request, known error shapes and revealing headers.

Options
  --json        the provider (why401/provider@1) or the list (why401/providers@1:
                { schema, providers: [...] }) as one JSON object
  --no-color    no colours (NO_COLOR is honoured too)

Examples
  why401 providers
  why401 providers anthropic
  why401 providers stripe --json`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parsed(
    () => parseArgs({ args, options: COMMON_OPTIONS, allowPositionals: true, strict: true }),
    'providers',
  );
  if (values.help) {
    writeOut(PROVIDERS_HELP);
    return EXIT.accepted;
  }
  if (positionals.length > 1)
    throw usageError(`providers takes one provider id, got ${positionals.length}`);
  const style = styleFor(1, values['no-color'] === true);
  const [id] = positionals;
  if (id === undefined) {
    writeOut(
      values.json
        ? JSON.stringify(
            // One object on stdout, as every --json of cli.md.
            { schema: 'why401/providers@1', providers: PROVIDERS.map((p) => providerJson(p)) },
            null,
            2,
          )
        : PROVIDERS.map(
            (p) =>
              `${style.bold(p.id.padEnd(20))} ${describePlacement(p.auth).padEnd(44)} ${p.name}`,
          ).join('\n'),
    );
    return EXIT.accepted;
  }
  const p = providerOf(id, 'providers');
  writeOut(
    values.json
      ? JSON.stringify({ schema: 'why401/provider@1', ...providerJson(p) }, null, 2)
      : providerHuman(p, style),
  );
  return EXIT.accepted;
}

function providerJson(p: Provider) {
  return {
    ...p,
    keyShapes: p.keyShapes.map((s) => ({ ...s, pattern: s.pattern.source })),
  };
}

function providerHuman(p: Provider, style: ReturnType<typeof styleFor>): string {
  const lines = [
    `${style.bold(p.name)} (${p.id})`,
    `  hosts        ${p.hosts.join(', ')}`,
    ...(p.regions?.length
      ? [`  regions      ${p.regions.map((r) => `${r.region}: ${r.host}`).join(', ')}`]
      : []),
    `  auth         ${describePlacement(p.auth)}`,
    ...p.alternatives.map((a) => `  also         ${describePlacement(a)}`),
    ...p.headers.map(
      (h) => `  header       ${h.name}: ${h.value}${h.required ? ' (required)' : ''}`,
    ),
    `  validate     ${p.validate.method} ${p.validate.url} → ${p.validate.successStatus}`,
    '',
    style.bold('Key shapes'),
    ...p.keyShapes.map(
      (s) =>
        `  ${(s.prefix ?? (s.generic ? '(generic)' : '')).padEnd(14)} ${s.kinds.join('/').padEnd(18)} /${s.pattern.source}/`,
    ),
    '',
    style.bold('Known refusals'),
    ...p.errorShapes.map((e) => `  ${e.status}  ${e.when}`),
  ];
  if (p.revealingHeaders.length) {
    lines.push(
      '',
      style.bold('Revealing headers'),
      ...p.revealingHeaders.map((h) => `  ${h.name}: ${h.meaning}`),
    );
  }
  if (p.unverified?.length) lines.push('', style.dim(`Unverified: ${p.unverified.join('; ')}`));
  return lines.join('\n');
}
