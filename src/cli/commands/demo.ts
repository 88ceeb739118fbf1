import { parseArgs } from 'node:util';
import { startSandbox } from '../../demo/sandbox.js';
import { demoScenarios, type Scenario } from '../../demo/scenarios.js';
import type { Diagnosis, DiagnosisFinding } from '../../diagnosis.js';
import { sendAndJudge } from '../../engine/send-and-judge.js';
import { renderFindingHuman } from '../../report/human-findings.js';
import { registerSecretValue, scrubJson } from '../../secret/scrub.js';
import { EXIT } from '../exit-codes.js';
import type { Style } from '../../report/style.js';
import { styleFor, writeOut } from '../io.js';
import { parsed } from '../options.js';

export const DEMO_HELP = `Usage: why401 demo [options]

Starts a sandbox on 127.0.0.1: OpenAI-, Anthropic-, GitHub- and Slack-like APIs, a gateway with
its own keys, a reverse proxy that strips Authorization, a cross-origin redirect, a server whose
clock is 90 s behind, a WAF, a quota 429 and a healthy control. Then it diagnoses each failure
mode in turn with the same engine as \`why401 check\`, and shows the verdicts. Nothing leaves
this machine; the keys are made up at start-up and never printed.

Options
  --json        one JSON object on stdout (why401/demo@1): { schema, scenarios: [{ title,
                expectedCause, matched, diagnosis }] }, where diagnosis is the
                why401/diagnosis@1 object of \`why401 check --json\`
  --no-color    no colour (NO_COLOR is honoured too)
  -h, --help    this help

Examples
  why401 demo
  why401 demo --json | jq -r '.scenarios[] | "\\(.title): \\(.diagnosis.verdict.cause)"'

Exit codes: 0 every scenario got the expected cause · 1 one or more did not · 2 usage`;

const DEMO_OPTIONS = {
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Outcome {
  readonly scenario: Scenario;
  readonly diagnosis: Diagnosis | null;
  /** The engine threw (it should not): the message. */
  readonly error: string | null;
  readonly matched: boolean;
}

async function runScenario(scenario: Scenario): Promise<Outcome> {
  try {
    const { diagnosis: d } = await sendAndJudge(scenario.input, scenario.options);
    const accepted = d.verdict.status === 'accepted';
    const matched =
      d.verdict.cause === scenario.expectedCause && accepted === (scenario.expectedCause === null);
    return { scenario, diagnosis: d, error: null, matched };
  } catch (e) {
    return {
      scenario,
      diagnosis: null,
      error: e instanceof Error ? e.message : String(e),
      matched: false,
    };
  }
}

const ICON = { accepted: '✔', rejected: '✖', unreachable: '⚠', inconclusive: '?' } as const;
const INDENT = '      ';

function indent(text: string, by = INDENT): string {
  return text
    .split('\n')
    .map((l) => (l ? `${by}${l}` : l))
    .join('\n');
}

/** The cause's finding, then at most one more that is not mere information. */
function topFindings(d: Diagnosis): DiagnosisFinding[] {
  const first = d.findings.find((f) => f.id === d.verdict.cause) ?? d.findings[0];
  if (!first) return [];
  const second = d.findings.find((f) => f !== first && f.severity !== 'info');
  return second ? [first, second] : [first];
}

function expectation(o: Outcome, style: Style): string {
  const expected = o.scenario.expectedCause ?? 'none (accepted)';
  return o.matched ? style.green('✔ as expected') : style.red(`✖ expected ${expected}`);
}

function renderOutcome(n: number, total: number, o: Outcome, style: Style): string {
  const lines = [
    style.bold(`${String(n).padStart(2)}/${total}  ${o.scenario.title}`),
    indent(style.dim(o.scenario.story)),
  ];
  const d = o.diagnosis;
  if (!d) {
    lines.push(indent(style.red(`✖ the diagnosis failed: ${o.error ?? 'unknown error'}`)));
    return lines.join('\n');
  }
  const v = d.verdict;
  const paint =
    v.status === 'accepted' ? style.green : v.status === 'inconclusive' ? style.yellow : style.red;
  lines.push(indent(style.dim(`${d.target.method} ${d.target.url}`)));
  lines.push(indent(paint(style.bold(`${ICON[v.status]} ${v.summary}`))));
  lines.push(indent(`  cause: ${v.cause ?? 'none'}   ${expectation(o, style)}`));
  for (const f of topFindings(d)) lines.push('', indent(renderFindingHuman(f, style)));
  const sent = d.exchanges
    .map((x) => `${x.label} → ${x.response ? x.response.status : 'not sent'}`)
    .join(' · ');
  lines.push('', indent(style.dim(`sent: ${sent}`)));
  return lines.join('\n');
}

function renderSummary(outcomes: readonly Outcome[], ms: number, style: Style): string {
  const width = Math.max(...outcomes.map((o) => o.scenario.title.length), 8);
  const causeWidth = Math.max(
    ...outcomes.map((o) => (o.diagnosis?.verdict.cause ?? '—').length),
    5,
  );
  const lines = [
    style.bold('Summary'),
    style.dim(`   #  ${'scenario'.padEnd(width)}  ${'verdict'.padEnd(12)}  cause`),
  ];
  outcomes.forEach((o, i) => {
    const verdict = o.diagnosis?.verdict.status ?? 'error';
    const cause = (o.diagnosis?.verdict.cause ?? '—').padEnd(causeWidth);
    const mark = o.matched
      ? style.green('✔')
      : style.red(`✖ expected ${o.scenario.expectedCause ?? 'accepted'}`);
    lines.push(
      `  ${String(i + 1).padStart(2)}  ${o.scenario.title.padEnd(width)}  ${verdict.padEnd(12)}  ${cause}  ${mark}`,
    );
  });
  const ok = outcomes.filter((o) => o.matched).length;
  const tally = `${ok} of ${outcomes.length} scenarios named their expected cause`;
  lines.push(
    '',
    `${ok === outcomes.length ? style.green(tally) : style.red(tally)} · ${(ms / 1000).toFixed(1)} s, loopback only`,
  );
  return lines.join('\n');
}

function outcomeJson(o: Outcome) {
  return {
    title: o.scenario.title,
    story: o.scenario.story,
    expectedCause: o.scenario.expectedCause,
    matched: o.matched,
    diagnosis: o.diagnosis,
    ...(o.error !== null ? { error: o.error } : {}),
  };
}

export async function run(args: string[]): Promise<number> {
  const { values } = parsed(
    () => parseArgs({ args, options: DEMO_OPTIONS, allowPositionals: false, strict: true }),
    'demo',
  );
  if (values.help) {
    writeOut(DEMO_HELP);
    return EXIT.accepted;
  }
  const json = values.json === true;
  const style = styleFor(1, values['no-color'] === true);
  const started = Date.now();
  // WHY401_DEMO_SEED (tests only): derive the keys from a seed, so a test can look for them.
  const seed = process.env['WHY401_DEMO_SEED'] || undefined;
  const sandbox = await startSandbox({ seed });
  const outcomes: Outcome[] = [];
  try {
    // Keys no scenario sends (the gateway's own, the good tokens) are scrubbed from output too.
    for (const key of Object.values(sandbox.keys)) registerSecretValue(key);
    const scenarios = demoScenarios(sandbox);
    if (!json) {
      writeOut(
        `${style.bold('why401 demo')}: ${Object.keys(sandbox.urls).length} servers on 127.0.0.1, ${scenarios.length} scenarios, diagnosed in turn`,
      );
    }
    for (const [i, scenario] of scenarios.entries()) {
      const outcome = await runScenario(scenario);
      outcomes.push(outcome);
      if (!json) writeOut(`\n${renderOutcome(i + 1, scenarios.length, outcome, style)}`);
    }
  } finally {
    await sandbox.close();
  }
  if (json)
    writeOut(scrubJson({ schema: 'why401/demo@1', scenarios: outcomes.map(outcomeJson) }, 2));
  else writeOut(`\n${renderSummary(outcomes, Date.now() - started, style)}`);
  return outcomes.every((o) => o.matched) ? EXIT.accepted : EXIT.problem;
}
