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
import { judgeCall, quickReport, type CallReport } from '../../capture/call/judge-call.js';
import { LIVE_PATH, LiveHub } from '../../capture/live/hub.js';
import { startLiveServer, type LiveServer } from '../../capture/live/server.js';
import type { ObservedCall } from '../../capture/call/observed-call.js';
import { startProxy } from '../../capture/relay/proxy.js';
import { writeFileSync } from 'node:fs';
import { JAVA_TRUST_STORE_PASSWORD } from '../../capture/forward/java.js';
import { parseMap, type HostMap } from '../../capture/forward/map.js';
import { withForwardProxy } from '../../capture/forward/with-proxy.js';
import { providerOf } from '../provider-option.js';
import { scrubJson } from '../../secret/scrub.js';
import { EXIT } from '../exit-codes.js';
import { styleFor, writeErr, writeOut } from '../io.js';
import { COMMON_OPTIONS, listenError, openLogFile, parsed } from '../options.js';

export const CAPTURE_HELP = `Usage: why401 capture --target ORIGIN [--port N] [options]
       why401 capture --forward [--port N] [--ca-out FILE] [--map HOST=ORIGIN…] [options]

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

With --forward, capture is a forward proxy instead (HTTP_PROXY, HTTPS_PROXY) that sees HTTPS
too: it makes a certificate authority for this run (its private key only in memory), ends each
CONNECT's TLS with a certificate for the host the app asked for, and passes each call on to that
host over TLS, verified as any client would. The app must trust the CA: --ca-out FILE writes its
certificate (else it sits in a private temp folder, named on start and deleted at exit). HTTP/2
is not offered (ALPN http/1.1); a client that refuses the CA is said by host, and its next
connections to that host are tunnelled untouched. WebSockets stream through (the handshake is
the call). A proxy in capture's own environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) stays in
the path: calls go on through it, as the app's would. With --ui, the live view lists each call's
host and filters by host; it listens on a port of its own (every request to the proxy is an app's
call): --ui-port, else the proxy's port - 1 when free (8400: echo keeps 8402), else any free
port; both are said on start.

Options
  --target ORIGIN      the API to pass calls on to (http:// or https://; a path is put in front)
  --forward            a forward proxy for any host (HTTP_PROXY / HTTPS_PROXY), HTTPS included
  --ca-out FILE        with --forward: write the run's CA certificate (public) to FILE
  --map HOST[:PORT]=ORIGIN
                       with --forward: what the app addresses to HOST goes to ORIGIN instead (a
                       local emulator, staging), Host kept, like curl's --connect-to; repeatable
  --port N             the local port (default 8401; 0: any free port)
  --json               one why401/call@1 JSON object per line on stdout
  --log FILE           also append those JSON lines to FILE (redacted)
  --ui                 a live view of the calls in the browser, at http://127.0.0.1:PORT${LIVE_PATH}
                       (with --forward, on a port of its own)
  --ui-port N          with --forward --ui: the live view's port (default: --port - 1 when free,
                       else any free port; 0: any free port)
  --probe              for a refused call, send the few read-only probes check would send
  --provider ID        the provider behind the target (local or self-hosted targets)
  --no-env             do not look where a refused key comes from (by default the working
                       directory's .env files and ~/.bashrc, ~/.zshrc, ~/.profile exports are
                       read, offline, for a variable that holds it)
  --insecure           accept any TLS certificate from the target (with --forward: from any host;
                       an API whose certificate does not verify is otherwise tunnelled, unseen)
  --timeout MS         how long to wait for an answer's head (default 60000; bodies may idle)
  --no-color           no colours (NO_COLOR is honoured too)
  --reveal             show secrets unredacted (never the default)

Examples
  why401 capture --target https://api.openai.com --ui
      then: OPENAI_BASE_URL=http://127.0.0.1:8401/v1 node app.js
  why401 capture --target https://api.anthropic.com --port 9000 --json --log calls.jsonl
  why401 capture --target http://127.0.0.1:3000 --provider github --probe
  why401 capture --forward --ca-out /tmp/why401-ca.pem
      then: HTTPS_PROXY=http://127.0.0.1:8401 SSL_CERT_FILE=/tmp/why401-ca.pem python3 app.py
  why401 capture --forward --map api.openai.com=http://127.0.0.1:3000 --ui

Stop with Ctrl-C. Exit codes: 0 no refused call · 1 a refused call was seen · 2 usage`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  target: { type: 'string' },
  port: { type: 'string' },
  log: { type: 'string' },
  ui: { type: 'boolean' },
  'ui-port': { type: 'string' },
  probe: { type: 'boolean' },
  provider: { type: 'string' },
  insecure: { type: 'boolean', short: 'k' },
  timeout: { type: 'string' },
  'no-env': { type: 'boolean' },
  forward: { type: 'boolean' },
  'ca-out': { type: 'string' },
  map: { type: 'string', multiple: true },
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
  const forward = values.forward === true;
  if (forward && values.target !== undefined)
    throw usageError('capture takes --target ORIGIN (a reverse proxy) or --forward, not both');
  if (!forward && (values.map !== undefined || values['ca-out'] !== undefined))
    throw usageError('--map and --ca-out go with --forward (capture as a forward proxy)');
  if (!forward && values.target === undefined)
    throw usageError(
      'capture needs --target ORIGIN (the API to pass calls on to), or --forward (a forward proxy)',
    );
  const maps = (values.map ?? []).map(parseMap);
  const target = values.target === undefined ? undefined : parseUrl(values.target, '--target');
  if (values.provider !== undefined) providerOf(values.provider);
  const port = intOption('port', values.port, 8401, 0, 65535);
  const headTimeoutMs = intOption('timeout', values.timeout, 60_000, 1, 3_600_000);
  const style = styleFor(1, values['no-color'] === true);
  const log = values.log === undefined ? undefined : openLogFile(values.log, 'capture');
  const uiPort = liveViewPort(values, port);
  const hub = values.ui
    ? new LiveHub({ label: target?.origin ?? `127.0.0.1:${port}`, manyHosts: forward })
    : undefined;
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
  const repeats = new RepeatFolder(values.forward === true);
  const printRepeats = () => {
    for (const line of repeats.repeats(style)) print(line);
  };
  const repeatTimer = values.json ? undefined : setInterval(printRepeats, REPEAT_LINE_MS);
  repeatTimer?.unref();
  const show = (report: CallReport) => {
    tally.add(report);
    const json = values.json || log || hub ? callJson(report) : undefined;
    if (values.json) print(scrubJson(json));
    else if (repeats.fold(report)) print(callLine(report, style, values.forward === true));
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
    const work = judgeCall(call, options).then(show, (e: unknown) =>
      writeErr(
        `why401 capture: could not read call ${call.id}: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  const notices = new Set<string>();
  const onNotice = (text: string, kindOf?: string) => {
    // once per kind of mistake: an app retrying would fill the terminal
    const kind = kindOf ?? text.split(':')[0] ?? text;
    if (notices.has(kind)) return;
    notices.add(kind);
    writeErr(`why401 capture: ${text}`);
  };
  if (!target)
    return captureForward({
      values,
      port,
      headTimeoutMs,
      maps,
      live: hub && { hub, port: uiPort },
      onCall,
      onNotice,
      finish,
    });

  let proxy;
  try {
    proxy = await startProxy({
      target,
      port,
      insecure: values.insecure === true,
      headTimeoutMs,
      onCall,
      onNotice,
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

  await untilStopped();
  hub?.close();
  await proxy.close();
  return finish();

  async function finish(): Promise<number> {
    await Promise.allSettled([...pending]);
    clearInterval(repeatTimer);
    printRepeats();
    flush();
    probeAgents?.destroy();
    if (log) await new Promise<void>((resolve) => log.end(resolve));
    writeErr(`why401 capture: ${tally.summary()}`);
    return tally.refused > 0 ? EXIT.problem : EXIT.accepted;
  }
}

/**
 * Where `--forward --ui` puts the live view (a port other than the proxy's): --ui-port if given,
 * else `undefined` (the proxy's port - 1 when free, else any). Usage errors for a --ui-port that
 * goes with nothing or names the proxy's own port.
 */
function liveViewPort(
  values: { forward?: boolean; ui?: boolean; 'ui-port'?: string },
  proxyPort: number,
): number | undefined {
  if (values['ui-port'] === undefined) return undefined;
  if (values.forward !== true || values.ui !== true)
    throw usageError(
      "--ui-port goes with --forward --ui (with --target, the live view is on capture's own port)",
    );
  const uiPort = intOption('ui-port', values['ui-port'], 0, 0, 65535);
  if (uiPort !== 0 && uiPort === proxyPort)
    throw usageError(
      `--ui-port and --port are both ${uiPort}: the live view needs a port of its own`,
    );
  return uiPort;
}

function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** `capture --forward`: the intercepting forward proxy, its CA written for the user to trust. */
async function captureForward(run: {
  values: { insecure?: boolean | undefined; 'ca-out'?: string | undefined };
  port: number;
  headTimeoutMs: number;
  maps: HostMap[];
  /** --ui: the hub, and --ui-port if given. */
  live: { hub: LiveHub; port: number | undefined } | undefined;
  onCall: (call: ObservedCall) => void;
  onNotice: (text: string, kind?: string) => void;
  finish: () => Promise<number>;
}): Promise<number> {
  const caOut = run.values['ca-out'];
  const options = {
    port: run.port,
    intercept: true,
    maps: run.maps,
    insecure: run.values.insecure === true,
    headTimeoutMs: run.headTimeoutMs,
    onCall: run.onCall,
    onNotice: run.onNotice,
    // A proxy of the user's (HTTPS_PROXY in capture's own environment) stays in the path.
    userEnv: process.env,
  };
  try {
    await withForwardProxy(options, async ({ proxy, trust, caPem }) => {
      if (caOut !== undefined) {
        try {
          writeFileSync(caOut, caPem ?? '', { mode: 0o644 });
        } catch (e) {
          throw usageError(
            `--ca-out: cannot write ${caOut.slice(0, 80)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
          );
        }
      }
      const live = run.live && (await startForwardLiveView(run.live, proxy.origin));
      writeErr(`why401 capture: listening on ${proxy.origin} (forward proxy, HTTPS intercepted)`);
      for (const map of run.maps)
        writeErr(`  ${map.host}${map.port ? `:${map.port}` : ''} → ${map.origin.origin}`);
      writeErr(
        `Point your app at it: HTTPS_PROXY=${proxy.origin} HTTP_PROXY=${proxy.origin}, and trust the run's CA: ${caOut ?? trust.caFile}` +
          `${caOut ? '' : ' (deleted at exit)'}; system roots + the CA: ${trust.bundleFile} (for SSL_CERT_FILE, REQUESTS_CA_BUNDLE…)` +
          `${trust.javaTrustStore ? `; for Java: -Djavax.net.ssl.trustStore=${trust.javaTrustStore} -Djavax.net.ssl.trustStorePassword=${JAVA_TRUST_STORE_PASSWORD}` : ''}. Ctrl-C to stop.`,
      );
      if (live)
        writeErr(
          `Live view: ${live.origin}${LIVE_PATH} (a port of its own; the proxy is ${proxy.origin})`,
        );
      try {
        await untilStopped();
      } finally {
        await live?.close();
      }
    });
  } catch (e) {
    throw listenError(e, run.port);
  }
  return run.finish();
}

/**
 * The forward proxy's live view, on a port beside the proxy's: --ui-port, else the proxy's port
 * - 1 (a stable address to keep open in a tab; 8400 by default, as `echo` takes 8402), else any
 * free port when that one is taken.
 */
async function startForwardLiveView(
  live: { hub: LiveHub; port: number | undefined },
  proxyOrigin: string,
): Promise<LiveServer> {
  live.hub.scope = { label: proxyOrigin, manyHosts: true };
  const proxyPort = Number(new URL(proxyOrigin).port);
  const beside = proxyPort > 1 ? proxyPort - 1 : 0;
  try {
    return await startLiveServer(live.hub, live.port ?? beside);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (live.port === undefined && (code === 'EADDRINUSE' || code === 'EACCES'))
      return startLiveServer(live.hub, 0);
    throw listenError(e, live.port ?? beside, '--ui-port');
  }
}
