import { readCredential } from '../../collect/credential.js';
import { usageError } from '../../errors.js';
import { lintKey, type KeyReport } from '../../engine/lint-key.js';
import { renderFinding } from '../../findings/render.js';
import { providerById, providersForHost } from '../../providers/detect.js';
import { providerOf } from '../provider-option.js';
import { findInHeaders, parseUrl } from '../../engine/build-request.js';
import type { Provider } from '../../providers/types.js';
import type { Secret } from '../../secret/secret.js';
import { findingJson } from '../../findings/finding-json.js';
import { renderFindingsHuman } from '../../report/human-findings.js';
import { scrubJson } from '../../secret/scrub.js';
import { tokenLines } from '../../parse/token-summary.js';
import { oneLine } from '../../secret/printable.js';
import { EXIT } from '../exit-codes.js';
import { styleFor, writeOut, writeResult } from '../io.js';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, CREDENTIAL_OPTIONS, parseHeader, parsed } from '../options.js';

export const KEY_HELP = `Usage: why401 key [--key-env NAME | --key-file PATH | --key-stdin | --key VALUE | -H "Name: value"] [options]

Lints a credential offline: hidden characters (with their index), quotes, placeholders, masked
copies, a scheme pasted into the value, the provider and kind its shape belongs to, JWT expiry.
Nothing is sent anywhere.

Options
  --key-env NAME     read the key from an environment variable (preferred: not in shell history)
  --key-file PATH    read the key from a file, as raw bytes (a trailing newline is a finding)
  --key-stdin        read the key from standard input
  --key VALUE        the key itself (lands in shell history; prefer --key-env)
  -H "Name: value"   a header exactly as the app sends it (repeatable): the credential is the
                     credential header's value, its scheme understood (Basic is decoded)
  --provider ID      the provider it is meant for (e.g. stripe): checks the kind against it
  --url URL          the endpoint it is meant for: the host names the provider, the path tells
                     admin from project endpoints
  --base-url ORIGIN  the origin it is sent to (as check's --base-url): its host names the provider
  --json             print one why401/key@1 JSON object
  --no-color         no colours (NO_COLOR is honoured too)
  --reveal           show secrets unredacted (never the default)

Examples
  why401 key --key-env OPENAI_API_KEY
  why401 key --key-file ./token.txt --provider github
  printf %s "$STRIPE_KEY" | why401 key --key-stdin --provider stripe --json
  why401 key -H "Authorization: Basic dXNlcjpwYXNzCg=="

Exit codes: 0 no error finding · 1 an error finding · 2 usage error`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parsed(
    () =>
      parseArgs({
        args,
        options: {
          ...CREDENTIAL_OPTIONS,
          ...COMMON_OPTIONS,
          url: { type: 'string' },
          'base-url': { type: 'string' },
          header: { type: 'string', short: 'H', multiple: true },
        },
        allowPositionals: false,
        strict: true,
      }),
    'key',
  );
  if (values.help) {
    writeOut(KEY_HELP);
    return EXIT.accepted;
  }
  void positionals;
  const provider = values.provider === undefined ? undefined : providerOf(values.provider);
  const fromHeader = headerCredential(values.header, provider ?? null);
  const input = await readCredential({
    keyEnv: values['key-env'],
    keyFile: values['key-file'],
    keyStdin: values['key-stdin'],
    key: values.key,
  });
  if (fromHeader && input.kind !== 'none')
    throw usageError(
      'give the credential once: a credential header (-H) or --key-env, --key-file, --key-stdin, --key',
    );
  if (input.kind === 'none' && !fromHeader)
    throw usageError(
      'no credential given: use --key-env NAME, --key-file PATH, --key-stdin, --key VALUE or -H "Name: value"',
    );
  if (input.kind === 'unset-env') return reportUnset(input.name, values.json === true);
  const secret = fromHeader ? fromHeader.secret : input.kind === 'secret' ? input.secret : null;
  if (!secret) throw usageError('no credential given');
  // --base-url (cli.md lists it with the credential options of check, curl and key): the origin
  // the key is sent to names the provider, as --url's host does.
  if (values.url !== undefined && values['base-url'] !== undefined)
    throw usageError('give --url or --base-url, not both');
  const target =
    values.url !== undefined
      ? parseUrl(values.url, '--url')
      : values['base-url'] !== undefined
        ? parseUrl(values['base-url'], '--base-url')
        : undefined;
  const byHost = target ? providersForHost(target.hostname)[0] : undefined;
  const expected = provider
    ? { provider, by: 'flag' as const }
    : byHost
      ? { provider: byHost, by: 'host' as const }
      : null;
  const report = lintKey(secret, {
    expected,
    ...(target ? { path: target.pathname } : {}),
    ...(fromHeader?.scheme ? { scheme: fromHeader.scheme } : {}),
  });
  return writeResult(
    values.json ? scrubJson(keyJson(report), 2) : keyHuman(report, values['no-color'] === true),
    report.findings.some((f) => f.severity === 'error') ? EXIT.problem : EXIT.accepted,
  );
}

/**
 * The credential of -H headers, found as `check` finds it (the provider's header first, then any
 * credential-looking one): the value without its scheme, and the scheme (`Basic`: decoded by the
 * checks). Undefined without -H; a usage error when no header carries a credential.
 */
function headerCredential(
  raw: readonly string[] | undefined,
  provider: Provider | null,
): { secret: Secret; scheme: string | null } | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  const headers = raw.map((h) => {
    try {
      return parseHeader(h);
    } catch (e) {
      throw usageError(e instanceof Error ? e.message : String(e));
    }
  });
  const found = findInHeaders(headers, provider);
  if (!found || found.spot.in !== 'header')
    throw usageError(
      `no credential header among -H (${headers.map(([n]) => n).join(', ')}): pass the header that carries the key, e.g. -H "Authorization: Bearer …"`,
    );
  return { secret: found.secret, scheme: found.spot.scheme };
}

function keyJson(r: KeyReport) {
  return {
    schema: 'why401/key@1',
    credential: r.credential,
    provider: r.provider,
    kind: r.kind,
    kinds: r.kinds,
    candidates: r.candidates,
    visible: {
      text: r.visible.text,
      marks: r.visible.marks.map((m) => ({ index: m.index, name: m.name })),
    },
    findings: r.findings.map(findingJson),
  };
}

function keyHuman(r: KeyReport, noColor: boolean): string {
  const style = styleFor(1, noColor);
  const errors = r.findings.filter((f) => f.severity === 'error');
  const verdict =
    errors[0] !== undefined
      ? style.red(`✖ ${errors[0].title}`)
      : style.green(
          '✔ No problem found in the key itself (offline: whether the server accepts it is for why401 check)',
        );
  const providerName = r.provider ? (providerById(r.provider)?.name ?? r.provider) : null;
  const who = providerName
    ? `${providerName}${r.kind ? ` (${r.kinds.join(', ')})` : ''}`
    : r.candidates.length > 1
      ? `ambiguous: fits ${r.candidates.join(', ')}`
      : (r.kind ?? 'unknown shape');
  const lines = [
    verdict,
    '',
    `  key         ${r.visible.text}`,
    `  length      ${r.credential.length} chars · ${r.credential.fingerprint} · from ${r.credential.source}`,
    `  provider    ${who}`,
  ];
  if (r.credential.token) {
    const t = tokenLines(r.credential.token);
    lines.push(`  token       ${oneLine(t.token)}`, `  claims      ${oneLine(t.claims)}`);
  }
  if (r.findings.length > 0) lines.push('', renderFindingsHuman(r.findings, style));
  return lines.join('\n');
}

function reportUnset(name: string, json: boolean): number {
  const finding = renderFinding({
    id: 'env.unset',
    confidence: 'definitive',
    evidence: [`$${name} is not set in this process's environment`],
    data: { name },
  });
  process.exitCode = EXIT.problem; // before the output, as writeResult does
  if (json) {
    writeOut(
      JSON.stringify(
        {
          schema: 'why401/key@1',
          credential: null,
          provider: null,
          kind: null,
          kinds: [],
          candidates: [],
          findings: [findingJson(finding)],
        },
        null,
        2,
      ),
    );
  } else {
    const style = styleFor(1);
    writeOut(`${style.red(`✖ ${finding.title}`)}\n\n${renderFindingsHuman([finding], style)}`);
  }
  return EXIT.problem;
}
