import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  callJson,
  callLine,
  CallTally,
  REPEAT_LINE_MS,
  RepeatFolder,
} from '../../capture/call/call-lines.js';
import {
  judgeCall,
  plainlyAccepted,
  quickReport,
  type CallReport,
} from '../../capture/call/judge-call.js';
import { runWithPreload, type ChildResult } from '../../capture/run/child.js';
import { parseMap, type HostMap } from '../../capture/forward/map.js';
import { GO_LOOPBACK_HINT, isGoCommand } from '../../capture/forward/go.js';
import { forwardEnv, PROXY_VARIABLES } from '../../capture/forward/trust.js';
import { withForwardProxy } from '../../capture/forward/with-proxy.js';
import type { ObservedCall } from '../../capture/call/observed-call.js';
import { PROXY_ENV, type RunMessage } from '../../capture/run/frames.js';
import { observedFromWire } from '../../capture/run/wire-call.js';
import { usageError } from '../../errors.js';
import { providerOf } from '../provider-option.js';
import { maskSecretLike, scrubJson } from '../../secret/scrub.js';
import { EXIT } from '../exit-codes.js';
import { styleFor, writeErr, writeOut } from '../io.js';
import { COMMON_OPTIONS, openLogFile, parsed } from '../options.js';

export const RUN_HELP = `Usage: why401 run [options] -- <command…>

Runs an app unchanged and diagnoses each call it makes that is refused.

Python (requests, httpx, aiohttp), curl, wget, git, Go, Ruby, Java, any program: watched through
a forward proxy on 127.0.0.1, HTTPS included: run makes a certificate authority for this run
(its private key only in memory) and gives the command HTTP_PROXY and HTTPS_PROXY (lower case
too, and GLOBAL_AGENT_HTTP_PROXY; NO_PROXY stays as you had it) and a CA bundle (the system's
roots, the run's CA and the CA files you had named there, in a private temp folder deleted at
exit) in SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, NODE_EXTRA_CA_CERTS, GIT_SSL_CAINFO,
AWS_CA_BUNDLE, CARGO_HTTP_CAINFO, PIP_CERT, DENO_CERT, PERL_LWP_SSL_CA_FILE,
CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE, HTTPLIB2_CA_CERTS, HEX_CACERTS_PATH and NIX_SSL_CERT_FILE;
a WGETRC (your wgetrc, then the bundle as ca_certificate); a sitecustomize.py first on
PYTHONPATH that has aiohttp honour those variables (yours still runs); and for Java the proxy
and a JKS trust store of the same roots in JAVA_TOOL_OPTIONS (after yours; a trust store you
named there is kept, and HTTPS then goes straight). Each call is passed on to the host it was
for, its certificate verified. A client that ignores those variables or pins its certificates
is not seen (a client that refuses the CA is said by host, and its next connections tunnelled
untouched). A proxy you set (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) stays in the path: the run's
proxy passes calls on through it.

Calls to a local API (http://127.0.0.1:8080, http://localhost:3000) are seen too: Java gets an
empty http.nonProxyHosts unless you set one in JAVA_TOOL_OPTIONS (its default skips localhost
and 127.*), and Ruby a helper in RUBYOPT (after yours) so net/http keeps the proxy for them
unless NO_PROXY names them; not while a proxy of yours would get them (set NO_PROXY=localhost,
127.0.0.0/8,::1 then). Go never proxies localhost or a loopback address, whatever the
variables say: call the API by a name and map it (--map api.local=http://127.0.0.1:8080, the app
calling http://api.local), or use why401 capture --target http://127.0.0.1:8080.

Node.js apps (node, npm, npx, tsx and anything not known by name) are also watched from inside: a preload
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

What the preload cannot see (workers made with eval: true, a program the app starts, a raw
socket) goes through the proxy; a call both see is reported once. A Node command keeps a proxy
you set yourself (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY): then the preload alone watches it.

Options
  --json               one why401/call@1 JSON object per refused call (on stderr), repeats too
  --log FILE           also append those JSON lines to FILE (redacted)
  --provider ID        the provider the app calls (local or self-hosted URLs)
  --map HOST[:PORT]=ORIGIN
                       what the app addresses to HOST goes to ORIGIN instead (a local emulator,
                       staging), Host kept, like curl's --connect-to; repeatable (the proxy's calls)
  --no-intercept-tls   pass HTTPS through as a tunnel (seen by nobody); plain http still seen
  --insecure           accept any TLS certificate from the hosts the app calls (proxy only);
                       without it, a host whose certificate does not verify is passed through
                       unseen, so the app decides
  --no-env             do not look where a refused key comes from (by default the working
                       directory's .env files and ~/.bashrc, ~/.zshrc, ~/.profile exports are
                       read, offline, for a variable that holds it)
  --no-color           no colours (NO_COLOR is honoured too)
  --reveal             show secrets unredacted (never the default)

Examples
  why401 run -- node app.js
  why401 run -- npm start
  why401 run --log calls.jsonl -- npx tsx src/index.ts
  why401 run -- python3 app.py
  why401 run -- go run .
  why401 run -- java -jar app.jar
  why401 run --map api.openai.com=http://127.0.0.1:3000 -- curl https://api.openai.com/v1/models

Exit code: the command's own.`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  log: { type: 'string' },
  provider: { type: 'string' },
  'no-env': { type: 'boolean' },
  map: { type: 'string', multiple: true },
  'no-intercept-tls': { type: 'boolean' },
  insecure: { type: 'boolean', short: 'k' },
} as const;

/** Proxy variables the user may have set: those run sets for a child, and the others clients read. */
const USER_PROXY = [...PROXY_VARIABLES, 'ALL_PROXY', 'all_proxy', 'GLOBAL_AGENT_HTTPS_PROXY'];

const NOT_NODE =
  /^(python[\d.]*|pip[\d.]*|uv|poetry|curl|wget|git|http|go|java|mvn|mvnw|gradle|gradlew|sbt|kotlin|scala|jbang|lein|clojure|ruby|bundle|rails|php|dotnet|cargo|rustc|deno|bun|perl|Rscript|swift)$/;

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
  // A key pasted here by mistake is never repeated back (providerOf, as capture and check).
  if (values.provider !== undefined) providerOf(values.provider);
  const style = styleFor(2, values['no-color'] === true);
  const log = values.log === undefined ? undefined : openLogFile(values.log, 'run');
  const name = basename(program);
  const maps = (values.map ?? []).map(parseMap);
  const forward = NOT_NODE.test(name);
  // A Node app whose user already set a proxy keeps it: the preload alone sees its calls, and
  // no proxy, CA or trust files are made for it (the run's proxy does not chain to the user's).
  const ownProxy = !forward && USER_PROXY.some((variable) => process.env[variable]);
  // With the proxy in play, calls may go to many hosts (any program under the command): each
  // line names its host.
  const withHost = !ownProxy;

  // Read before the command starts (a few small files): a refused key is traced to its variable.
  const envFindings =
    values['no-env'] === true
      ? undefined
      : await import('../../engine/env/call-env.js').then((m) => m.callEnvTracer('.'));
  const tally = new CallTally();
  const repeats = new RepeatFolder(withHost);
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
    else if (repeats.fold(report)) writeErr(`why401: ${callLine(report, style, withHost)}`);
    log?.write(`${scrubJson(json)}\n`);
  };
  const repeatTimer = values.json ? undefined : setInterval(printRepeats, REPEAT_LINE_MS);
  repeatTimer?.unref();
  /** Connections to the proxy whose calls the preload reports (by the client's local port). */
  const claimed = new Set<number>();
  let drain = () => undefined as void;
  let proxied = 0;
  const onMessage = (m: RunMessage) => {
    processes.add(m.pid);
    if (m.t === 'proxied') claimed.add(m.port);
    if (m.t === 'hello' && m.thread) threads.add(`${m.pid}:${m.thread}`);
    if (m.t === 'seen') seen++;
    if (m.t !== 'call') return;
    const call = observedFromWire(m.call, ++ids, m.pid);
    if (!call) return;
    const work = judgeCall(call, { providerId: values.provider, envFindings });
    printing = printing.then(() => work.then(print, () => undefined));
  };

  const onProxyCall = (call: ObservedCall) => {
    ids++;
    proxied++;
    // Most calls are accepted: counted at once, no report, no promise (the proxy's hot path).
    if (plainlyAccepted(call)) {
      tally.addAccepted();
      return;
    }
    const quick = quickReport(call, { providerId: values.provider });
    const work = quick
      ? Promise.resolve(quick)
      : judgeCall(call, { providerId: values.provider, envFindings });
    printing = printing.then(() => work.then(print, () => undefined));
  };
  const proxyOptions = {
    maps,
    intercept: values['no-intercept-tls'] !== true,
    insecure: values.insecure === true,
    onNotice: (text: string) => writeErr(`why401 run: ${text}`),
  };

  // Node: the preload watches from inside, and the proxy variables are set as well, for what
  // the preload cannot see (a program the app starts that is not Node, a raw socket). A call the
  // preload saw on a connection to the proxy is not reported again by the proxy: the preload
  // says each such connection (its local port) before writing on it, and the FIFO is read
  // before each call from the proxy is taken.
  const preload = {
    onMessage,
    onChannel: (read: () => void) => (drain = read),
  };
  const nodeProxyOptions = {
    ...proxyOptions,
    onCall: (call: ObservedCall, from: { readonly clientPort: number }) => {
      drain();
      if (!claimed.has(from.clientPort)) onProxyCall(call);
    },
    onClientClosed: (port: number) => {
      drain();
      claimed.delete(port);
    },
  };
  const result = forward
    ? await runThroughProxy(program, rest, { ...proxyOptions, onCall: onProxyCall })
    : ownProxy
      ? await runWithPreload(program, rest, onMessage, preload)
      : await runThroughProxy(program, rest, { ...nodeProxyOptions, preload });

  await printing;
  clearInterval(repeatTimer);
  printRepeats();
  if (log) await new Promise<void>((resolve) => log.end(resolve));
  if (result.spawnError) {
    writeErr(
      `why401 run: could not start ${result.spawnError.replace(program, maskSecretLike(program))}`,
    );
    return result.code;
  }
  const shown = maskSecretLike([name, ...rest].join(' ').slice(0, 80));
  const ended = `\`${shown}\` ${result.signal ? `was ended by ${result.signal}` : `exited with ${result.code}`}`;
  const refused = `${tally.refused} refused${tally.causes.size ? `: ${[...tally.causes].map(([c, n]) => `${c} ×${n}`).join(', ')}` : ''}`;
  const proxyWatch = `the forward proxy (HTTPS ${values['no-intercept-tls'] ? 'tunnelled, not seen' : 'intercepted'})`;
  // Go never proxies the loopback: a Go command that made no call may have called a local API.
  const goHint = () => (isGoCommand(program) ? `\n${GO_LOOPBACK_HINT}` : '');
  if (forward) {
    writeErr(
      `why401 run: ${ended} · watched through ${proxyWatch} · ${plural(tally.calls, 'call')}, ${refused}${tally.calls === 0 ? goHint() : ''}`,
    );
  } else if (processes.size === 0 && proxied === 0 && !ownProxy) {
    // Not a Node command (a shell script, a binary): the proxy was there, nothing came through.
    writeErr(
      `why401 run: ${ended} · watched through ${proxyWatch} and a Node.js preload · no call seen.\n` +
        `  Seen: calls of any program that honours HTTP(S)_PROXY and trusts the run's CA (from the variables run sets), and Node.js's http, https and fetch.\n` +
        `  Not seen: a program that ignores the proxy variables, or one that refuses the CA (said above, by host).${goHint()}`,
    );
  } else if (processes.size === 0 && proxied === 0) {
    writeErr(
      `why401 run: ${ended}; no Node.js process started under it, so no call could be seen.\n` +
        `  What run sees: http, https and fetch calls of Node.js processes (node, npm, npx, tsx…).\n` +
        `  Your own proxy (HTTP(S)_PROXY) was kept, so run's was not started; Python, Go, Java, Ruby, curl… are watched through it when run is given them by name (why401 run -- python3 app.py).\n` +
        `  For anything else: why401 capture --forward, then HTTPS_PROXY=http://127.0.0.1:8401 and its CA for the app.`,
    );
  } else {
    const total = seen + tally.calls;
    const through = proxied && processes.size ? ` (${proxied} through the forward proxy)` : '';
    const watched = processes.size
      ? `${plural(processes.size, 'Node process', 'Node processes')}${threads.size ? ` (and ${plural(threads.size, 'worker thread')})` : ''} watched`
      : 'no Node process, watched through the forward proxy';
    writeErr(`why401 run: ${ended} · ${watched} · ${plural(total, 'call')}${through}, ${refused}`);
  }
  return result.code;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The command run through the intercepting forward proxy (withForwardProxy: a CA for this run,
 * its files in a private folder removed when the command ends), with the proxy and trust
 * variables set for it; a Node command gets the preload too. A signal to why401 is passed on to
 * the command first (child.ts).
 */
async function runThroughProxy(
  program: string,
  args: readonly string[],
  options: {
    maps: readonly HostMap[];
    intercept: boolean;
    insecure: boolean;
    onCall: (call: ObservedCall, from: { readonly clientPort: number }) => void;
    onClientClosed?: (clientPort: number) => void;
    onNotice: (text: string) => void;
    /** A Node command: the preload too, its messages to onMessage. */
    preload?: {
      onMessage: (m: RunMessage) => void;
      onChannel: (drain: () => void) => void;
    };
  },
): Promise<ChildResult> {
  const said = new Set<string>();
  const { preload, ...proxyOptions } = options;
  const session = {
    ...proxyOptions,
    port: 0,
    // The child's HTTPS_PROXY names this proxy; the user's own goes on behind it.
    userEnv: process.env,
    onNotice: (text: string, kind: string) => {
      if (said.has(kind)) return;
      said.add(kind);
      options.onNotice(text);
    },
  };
  return withForwardProxy(session, ({ proxy, trust }) =>
    runWithPreload(program, args, preload?.onMessage ?? (() => undefined), {
      preload: preload !== undefined,
      env: { ...forwardEnv(proxy.origin, trust), [PROXY_ENV]: new URL(proxy.origin).host },
      onChannel: preload?.onChannel,
    }),
  );
}
