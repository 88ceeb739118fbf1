import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  callJson,
  callLine,
  CallTally,
  REPEAT_LINE_MS,
  RepeatFolder,
} from '../../capture/call/call-lines.js';
import { diagnoseCall, type CallReport } from '../../capture/call/diagnose-call.js';
import { runWithPreload } from '../../capture/run/child.js';
import type { RunMessage } from '../../capture/run/frames.js';
import { observedFromWire } from '../../capture/run/wire-call.js';
import { usageError } from '../../errors.js';
import { providerById, providerIds } from '../../providers/detect.js';
import { maskSecretLike, scrubJson } from '../../secret/scrub.js';
import { EXIT } from '../exit-codes.js';
import { styleFor, writeErr, writeOut } from '../io.js';
import { COMMON_OPTIONS, openLogFile, parsed } from '../options.js';

export const RUN_HELP = `Usage: why401 run [options] -- <command…>

Runs a Node.js app unchanged and diagnoses each call it makes that is refused. A preload
(NODE_OPTIONS=--import) watches the app's outgoing http, https and fetch calls from inside each
Node process the command starts (npm scripts included) and their worker threads, through
node:diagnostics_channel. Refused calls are read by the same checks as why401 check, offline,
and printed as they happen on stderr, with a summary when the command ends: status 400 or above,
no answer, a redirect to a login page (fetch follows it: the page it lands on is the refusal),
and a 2xx whose body is an auth error ({"ok":false,"error":"invalid_auth"}). Calls through an
HTTP proxy (HTTP_PROXY) are shown with the URL they are for, not the proxy's. The app's own
output and its exit code are kept.

A refusal repeated the same way (method, path, status, credential, cause) prints once, then a
count line ("×1000 since 20:31:02, same cause"); --json and --log keep one line per call.

Only Node.js processes can be watched this way (workers made with eval: true are not). For
Python, Go, curl, a browser or anything else, use why401 capture --target <API origin> and
point the app's base URL at it.

Options
  --json               one why401/call@1 JSON object per refused call (on stderr), repeats too
  --log FILE           also append those JSON lines to FILE (redacted)
  --provider ID        the provider the app calls (local or self-hosted URLs)
  --no-env             do not look where a refused key comes from (by default the working
                       directory's .env files and ~/.bashrc, ~/.zshrc, ~/.profile exports are
                       read, offline, for a variable that holds it)
  --no-color           no colours (NO_COLOR is honoured too)
  --reveal             show secrets unredacted (never the default)

Examples
  why401 run -- node app.js
  why401 run -- npm start
  why401 run --log calls.jsonl -- npx tsx src/index.ts

Exit code: the command's own.`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  log: { type: 'string' },
  provider: { type: 'string' },
  'no-env': { type: 'boolean' },
} as const;

const NOT_NODE =
  /^(python[\d.]*|pip[\d.]*|uv|poetry|curl|wget|http|go|java|mvn|gradle|ruby|bundle|rails|php|dotnet|cargo|rustc|deno|bun|perl|Rscript|swift)$/;

function split(args: string[]): { own: string[]; command: string[] } {
  const dash = args.indexOf('--');
  if (dash >= 0) return { own: args.slice(0, dash), command: args.slice(dash + 1) };
  if (args.every((a) => a.startsWith('-'))) return { own: args, command: [] };
  throw usageError('put -- before the command: why401 run [options] -- <command…>');
}

export async function run(args: string[]): Promise<number> {
  const { own, command } = split(args);
  const { values } = parsed(() => parseArgs({ args: own, options: OPTIONS, strict: true }), 'run');
  if (values.help) {
    writeOut(RUN_HELP);
    return EXIT.accepted;
  }
  const [program, ...rest] = command;
  if (program === undefined) throw usageError('run needs a command: why401 run -- node app.js');
  if (values.provider !== undefined && !providerById(values.provider))
    throw usageError(
      `unknown provider "${values.provider.slice(0, 40)}"; known: ${providerIds().join(', ')}`,
    );
  const style = styleFor(2, values['no-color'] === true);
  const log = values.log === undefined ? undefined : openLogFile(values.log, 'run');
  const name = basename(program);
  if (NOT_NODE.test(name))
    writeErr(
      `why401 run: ${maskSecretLike(name)} is not Node.js: only Node processes it starts can be watched (see why401 run --help; why401 capture sees any app).`,
    );

  // Read before the command starts (a few small files): a refused key is traced to its variable.
  const envFindings =
    values['no-env'] === true
      ? undefined
      : await import('../../engine/env/call-env.js').then((m) => m.callEnvTracer('.'));
  const tally = new CallTally();
  const repeats = new RepeatFolder();
  const processes = new Set<number>();
  const threads = new Set<string>();
  let seen = 0;
  let ids = 0;
  let printing = Promise.resolve();
  const printRepeats = () => {
    for (const line of repeats.repeats(style)) writeErr(`why401: ${line}`);
  };
  const print = (report: CallReport) => {
    tally.add(report);
    // Accepted calls (a redirect that was not to a login page, a 2xx that only looked like an
    // error) are counted, not shown: run shows refusals.
    if (!report.refused) return;
    const json = callJson(report);
    if (values.json) writeErr(scrubJson(json));
    else if (repeats.fold(report)) writeErr(`why401: ${callLine(report, style)}`);
    log?.write(`${scrubJson(json)}\n`);
  };
  const repeatTimer = values.json ? undefined : setInterval(printRepeats, REPEAT_LINE_MS);
  repeatTimer?.unref();
  const onMessage = (m: RunMessage) => {
    processes.add(m.pid);
    if (m.t === 'hello' && m.thread) threads.add(`${m.pid}:${m.thread}`);
    if (m.t === 'seen') seen++;
    if (m.t !== 'call') return;
    const call = observedFromWire(m.call, ++ids, m.pid);
    if (!call) return;
    const work = diagnoseCall(call, { providerId: values.provider, envFindings });
    printing = printing.then(() => work.then(print, () => undefined));
  };

  const result = await runWithPreload(program, rest, onMessage);
  await printing;
  clearInterval(repeatTimer);
  printRepeats();
  if (log) await new Promise<void>((resolve) => log.end(resolve));
  const shown = maskSecretLike([name, ...rest].join(' ').slice(0, 80));
  if (result.spawnError) {
    writeErr(
      `why401 run: could not start ${result.spawnError.replace(program, maskSecretLike(program))}`,
    );
    return result.code;
  }
  const ended = result.signal ? `was ended by ${result.signal}` : `exited with ${result.code}`;
  if (processes.size === 0) {
    writeErr(
      `why401 run: \`${shown}\` ${ended}; no Node.js process started under it, so no call could be seen.\n` +
        `  What run sees: http, https and fetch calls of Node.js processes (node, npm, npx, tsx…).\n` +
        `  What it cannot see: Python, Go, Java, Ruby, curl, browsers, Bun and Deno.\n` +
        `  For those: why401 capture --target https://api.example.com, then point the app's base URL at http://127.0.0.1:8401.`,
    );
    return result.code;
  }
  const total = seen + tally.calls;
  writeErr(
    `why401 run: \`${shown}\` ${ended} · ${processes.size} Node process${processes.size === 1 ? '' : 'es'}${threads.size ? ` (and ${threads.size} worker thread${threads.size === 1 ? '' : 's'})` : ''} watched · ${total} call${total === 1 ? '' : 's'}, ${tally.refused} refused${tally.causes.size ? `: ${[...tally.causes].map(([c, n]) => `${c} ×${n}`).join(', ')}` : ''}`,
  );
  return result.code;
}
