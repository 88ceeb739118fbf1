import { parseArgs } from 'node:util';
import { AgentPool } from '../../collect/http.js';
import { parseUrl } from '../../engine/build-request.js';
import { usageError } from '../../errors.js';
import {
  callJson,
  callLine,
  CallTally,
  REPEAT_LINE_MS,
  RepeatFolder,
} from '../../capture/call/call-lines.js';
import { diagnoseCall, quickReport, type CallReport } from '../../capture/call/diagnose-call.js';
import { LIVE_PATH, LiveHub } from '../../capture/live/hub.js';
import type { ObservedCall } from '../../capture/call/observed-call.js';
import { startProxy } from '../../capture/relay/proxy.js';
import { providerOf } from '../provider-option.js';
import { scrubJson } from '../../secret/scrub.js';
import { EXIT } from '../exit-codes.js';
import { styleFor, writeErr, writeOut } from '../io.js';
import { COMMON_OPTIONS, listenError, openLogFile, parsed } from '../options.js';

export const CAPTURE_HELP = `Usage: why401 capture --target ORIGIN [--port N] [options]

A reverse proxy on 127.0.0.1 that shows what your app really sends. Point the app's base URL at
it: every call goes on to the target unchanged (streamed both ways, SSE and chunked answers token
by token), and capture prints one line per call: method, path, status, time, and the credential
as sent (redacted, hidden characters by name). A refused call is diagnosed by the same checks as
why401 check, offline, from what passed through; nothing else is sent unless --probe.

A redirect whose Location is the target's own absolute URL is rewritten to capture's address
(as nginx's proxy_redirect does), so the app's next call stays seen; one to another origin is
passed on and said once per origin. A refusal repeated the same way (method, path, status,
credential, cause) prints once, then a count line ("×1000 since 20:31:02, same cause"); --json,
--log and the live view keep every call.

Options
  --target ORIGIN      the API to pass calls on to (http:// or https://; a path is put in front)
  --port N             the local port (default 8401; 0: any free port)
  --json               one why401/call@1 JSON object per line on stdout
  --log FILE           also append those JSON lines to FILE (redacted)
  --ui                 a live view of the calls in the browser, at http://127.0.0.1:PORT${LIVE_PATH}
  --probe              for a refused call, send the few read-only probes check would send
  --provider ID        the provider behind the target (local or self-hosted targets)
  --no-env             do not look where a refused key comes from (by default the working
                       directory's .env files and ~/.bashrc, ~/.zshrc, ~/.profile exports are
                       read, offline, for a variable that holds it)
  --insecure           accept any TLS certificate from the target
  --timeout MS         how long to wait for an answer's head (default 60000; bodies may idle)
  --no-color           no colours (NO_COLOR is honoured too)
  --reveal             show secrets unredacted (never the default)

Examples
  why401 capture --target https://api.openai.com --ui
      then: OPENAI_BASE_URL=http://127.0.0.1:8401/v1 node app.js
  why401 capture --target https://api.anthropic.com --port 9000 --json --log calls.jsonl
  why401 capture --target http://127.0.0.1:3000 --provider github --probe

Stop with Ctrl-C. Exit codes: 0 no refused call · 1 a refused call was seen · 2 usage`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  target: { type: 'string' },
  port: { type: 'string' },
  log: { type: 'string' },
  ui: { type: 'boolean' },
  probe: { type: 'boolean' },
  provider: { type: 'string' },
  insecure: { type: 'boolean', short: 'k' },
  timeout: { type: 'string' },
  'no-env': { type: 'boolean' },
} as const;

function intOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw usageError(
      `--${name} takes a whole number from ${min} to ${max}, got "${value.slice(0, 20)}"`,
    );
  return n;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parsed(() => parseArgs({ args, options: OPTIONS, strict: true }), 'capture');
  if (values.help) {
    writeOut(CAPTURE_HELP);
    return EXIT.accepted;
  }
  if (values.target === undefined)
    throw usageError('capture needs --target ORIGIN (the API to pass calls on to)');
  const target = parseUrl(values.target, '--target');
  if (values.provider !== undefined) providerOf(values.provider);
  const port = intOption('port', values.port, 8401, 0, 65535);
  const headTimeoutMs = intOption('timeout', values.timeout, 60_000, 1, 3_600_000);
  const style = styleFor(1, values['no-color'] === true);
  const log = values.log === undefined ? undefined : openLogFile(values.log, 'capture');
  const hub = values.ui ? new LiveHub(target.origin) : undefined;
  const probeAgents = values.probe ? new AgentPool() : undefined;
  // Read once at start (a few small files): a refused key is traced to the variable holding it.
  const envFindings =
    values['no-env'] === true
      ? undefined
      : await import('../../engine/env/call-env.js').then((m) => m.callEnvTracer('.'));
  const tally = new CallTally();
  const pending = new Set<Promise<void>>();

  // Lines of one turn of the event loop go out in one write: under load, one syscall, not many.
  const lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) writeOut(lines.join('\n'));
    lines.length = 0;
  };
  const print = (line: string) => {
    if (lines.push(line) === 1) setImmediate(flush);
  };
  const repeats = new RepeatFolder();
  const printRepeats = () => {
    for (const line of repeats.repeats(style)) print(line);
  };
  const repeatTimer = values.json ? undefined : setInterval(printRepeats, REPEAT_LINE_MS);
  repeatTimer?.unref();
  const show = (report: CallReport) => {
    tally.add(report);
    const json = values.json || log || hub ? callJson(report) : undefined;
    if (values.json) print(scrubJson(json));
    else if (repeats.fold(report)) print(callLine(report, style));
    if (log) log.write(`${scrubJson(json)}\n`);
    hub?.publish(report);
  };
  const seen = { providerId: values.provider, detail: hub !== undefined };
  const onCall = (call: ObservedCall) => {
    // Most calls need no judging: shown at once, without a promise per call.
    const quick = quickReport(call, seen);
    if (quick) {
      show(quick);
      return;
    }
    const options = {
      ...seen,
      envFindings,
      probe: probeAgents && {
        agents: probeAgents,
        proxyFor: () => undefined,
        insecure: values.insecure === true,
        deadline: Date.now() + 10_000,
      },
    };
    const work = diagnoseCall(call, options).then(show, (e: unknown) =>
      writeErr(
        `why401 capture: could not read call ${call.id}: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  const notices = new Set<string>();
  let proxy;
  try {
    proxy = await startProxy({
      target,
      port,
      insecure: values.insecure === true,
      headTimeoutMs,
      onCall,
      onNotice: (text, kindOf) => {
        // once per kind of mistake: an app retrying would fill the terminal
        const kind = kindOf ?? text.split(':')[0] ?? text;
        if (notices.has(kind)) return;
        notices.add(kind);
        writeErr(`why401 capture: ${text}`);
      },
      localPath: LIVE_PATH,
      local: hub ? (req, res) => hub.handle(req, res) : undefined,
    });
  } catch (e) {
    throw listenError(e, port);
  }
  writeErr(`why401 capture: listening on ${proxy.origin} → ${target.origin}`);
  writeErr(
    `Point your app's base URL at ${proxy.origin}${target.pathname === '/' ? '' : target.pathname} (Ctrl-C to stop).`,
  );
  if (hub) writeErr(`Live view: ${proxy.origin}${LIVE_PATH}`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  hub?.close();
  await proxy.close();
  await Promise.allSettled([...pending]);
  clearInterval(repeatTimer);
  printRepeats();
  flush();
  probeAgents?.destroy();
  if (log) await new Promise<void>((resolve) => log.end(resolve));
  writeErr(`why401 capture: ${tally.summary()}`);
  return tally.refused > 0 ? EXIT.problem : EXIT.accepted;
}
