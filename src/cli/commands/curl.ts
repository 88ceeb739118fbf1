import { parseArgs } from 'node:util';
import { readAtMost, readCredential } from '../../collect/credential.js';
import { isWhy401Error, usageError } from '../../errors.js';
import { isExcluded, parseProxyUrl, proxyFromEnv } from '../../collect/proxy-env.js';
import { CURL_OPTIONS } from '../../parse/curl-options.js';
import { parseCurlArgs, shellSplit, type CurlRequest } from '../../parse/curl-args.js';
import { registerSecretValue } from '../../secret/scrub.js';
import { EXIT } from '../exit-codes.js';
import { writeErr, writeOut } from '../io.js';
import { paramsOf, parsed } from '../options.js';
import { runDiagnosis } from '../run-diagnosis.js';
import { CHECK_OPTIONS, envTraceOf, methodOf, timeoutOf } from './check.js';

export const CURL_HELP = `Usage: why401 curl [why401 options] [--] <curl command line…>

Diagnoses a pasted curl command, read as curl reads it (curl's whole option table, bundled
short options such as -sSLk and -XPOST) and sent as curl sends it: -H, -u, --oauth2-bearer, -X,
-d/--data*, --data-urlencode, --json, -G, --url-query, -e, -r, -A, -b 'name=value',
--compressed, -I, --url, -k, -L, --location-trusted, -x, -U/--proxy-user, --noproxy. A URL
without a scheme is http://, as for curl. An option curl does not have, or one that changes the
request in a way why401 does not reproduce (-K, -F, -T, --digest …), is a usage error. Then the
same diagnosis as why401 check runs. The command may be given as separate words or as one
quoted string. why401's own options may stand anywhere, or before a "--".

why401 options (those of why401 check)
  --key-env NAME, --key-file PATH, --key-stdin, --key VALUE   the credential, if the curl
                       command does not carry it (beside curl's --cert, --key is curl's)
  --provider ID        force the provider       --base-url ORIGIN   another origin
  --param NAME=VALUE   a validation request value (repeatable)
  --method M           the method (or curl's -X)
  --timeout MS         the diagnosis' time budget (default 10000)
  --no-proxy           no proxy (curl's -x/--proxy gives one)
  --no-probe           send only the request as given; --probe-unsafe: probe writes too
  --no-discovery       no OAuth issuer / RFC 9728 metadata fetched for a refused token
  --env-dir DIR        with --key-env: also trace where the variable comes from in DIR
  --json               one why401/diagnosis@1 JSON object on stdout
  --curl               print the equivalent curl, redacted
  --reveal             show secrets unredacted (never the default)
  --no-color           no colours (NO_COLOR is honoured too)

Examples
  why401 curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/me
  why401 curl --json -- curl -H "x-api-key: $KEY" https://api.anthropic.com/v1/models
  why401 curl --json -- 'curl -u user:pass https://example.com/api'
  why401 curl --provider openai -- curl http://127.0.0.1:8080/v1/models -H "Authorization: Bearer $K"

Exit codes: 0 accepted · 1 refused · 2 usage · 3 no HTTP answer · 4 internal`;

/** why401's own options that curl does not have: taken out of the words wherever they stand. */
const OWN_FLAGS = new Set([
  '--json',
  '--curl',
  '--no-probe',
  '--probe-unsafe',
  '--no-discovery',
  '--key-stdin',
  '--reveal',
  '--no-color',
  '--no-proxy',
  // curl's own -h/--help prints curl's manual: in a command given to why401, why401's help
  '--help',
  '-h',
]);
const OWN_VALUES = new Set([
  '--method',
  '--timeout',
  '--provider',
  '--key-env',
  '--key-file',
  '--base-url',
  '--param',
  '--env-dir',
]);

/** curl's client-certificate options: beside one of them, `--key` is curl's private key file. */
const CLIENT_CERT = /^(--cert(=|$)|-E|--cert-type|--key-type)/;

function splitOwn(words: readonly string[]): { own: string[]; rest: string[] } {
  const own: string[] = [];
  const rest: string[] = [];
  // `--key VALUE` is why401's credential option (spec/cli.md), unless the command is curl's
  // client-certificate pair (`--cert c.pem --key k.pem`), where it names curl's key file.
  const ownKey = !words.some((w) => CLIENT_CERT.test(w));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const name = w.split('=')[0] ?? w;
    // curl has a --json of its own: followed by a JSON body or @file, the word is curl's
    const curlsJson = w === '--json' && /^[[{@]/.test(words[i + 1] ?? '');
    if (OWN_FLAGS.has(w) && !curlsJson) own.push(w);
    else if (OWN_VALUES.has(name) || (ownKey && name === '--key')) {
      own.push(w);
      if (!w.includes('=') && i + 1 < words.length) own.push(words[++i] ?? '');
    } else {
      rest.push(w);
      // a curl option's value stays curl's, whatever it looks like (`-d --json`, `-H --reveal`)
      if (takesValue(w) && i + 1 < words.length) rest.push(words[++i] ?? '');
    }
  }
  return { own, rest };
}

/** A curl option word whose value is the next word: `--header`, `-H`, `-sd` (not `-XPOST`). */
function takesValue(word: string): boolean {
  if (word.startsWith('--')) return CURL_OPTIONS.long.get(word.slice(2))?.value === true;
  if (!word.startsWith('-')) return false;
  for (let j = 1; j < word.length; j++) {
    const o = CURL_OPTIONS.short.get(word[j] ?? '');
    if (!o) return false;
    if (o.value) return j === word.length - 1;
  }
  return false;
}

export async function run(args: string[]): Promise<number> {
  const split = args.indexOf('--');
  const separated =
    split >= 0 ? { own: args.slice(0, split), rest: args.slice(split + 1) } : splitOwn(args);
  const own = separated.own;
  let curlWords = separated.rest;
  if (own.length === 0 && (curlWords[0] === '--help' || curlWords[0] === '-h')) {
    writeOut(CURL_HELP);
    return EXIT.accepted;
  }
  const { values } = parsed(
    () => parseArgs({ args: own, options: CHECK_OPTIONS, allowPositionals: false, strict: true }),
    'curl',
  );
  if (values.help) {
    writeOut(CURL_HELP);
    return EXIT.accepted;
  }
  if (curlWords.length === 1) curlWords = shellSplit(curlWords[0] ?? '');
  if (curlWords.length === 0)
    throw usageError('no curl command given: why401 curl -- curl https://…');
  const c = parseCurlArgs(curlWords, { readFile: readDataFile });
  // what curl itself keeps secret (-u, --oauth2-bearer, -U …) is never printed, even in an error
  for (const value of c.secrets) {
    registerSecretValue(value);
    if (value.includes(':')) registerSecretValue(value.slice(value.indexOf(':') + 1));
  }
  if (c.errors.length > 0) throw usageError(`the curl command: ${c.errors.slice(0, 4).join('; ')}`);
  if (!c.url) throw usageError('the curl command has no URL');
  const notes = [...c.notes];
  if (c.urlCount > 1)
    notes.push(
      `the command gives ${c.urlCount} URLs; why401 diagnoses the first (${new URL(c.url).origin})`,
    );
  for (const name of ['host', 'content-length', 'user-agent', 'content-type'])
    if (c.removed.includes(name) && (name !== 'content-type' || c.data !== undefined))
      notes.push(`curl would send no ${name} header; why401 sends one`);
  for (const note of notes) writeErr(`why401: ${note}`);
  const headers = c.headers;
  const body = c.data;
  const input = await readCredential({
    keyEnv: values['key-env'],
    keyFile: values['key-file'],
    keyStdin: values['key-stdin'],
    key: values.key,
  });
  return runDiagnosis(
    {
      url: c.url,
      method: methodOf(c.methodGiven ? c.method : (values.method ?? c.method)),
      headers,
      body: body ?? values.data,
      key: input.kind === 'secret' ? input.secret : null,
      baseUrl: values['base-url'],
      params: paramsOf(values.param),
    },
    {
      providerId: values.provider,
      timeoutMs: timeoutOf(values.timeout),
      proxy: values['no-proxy'] ? null : curlProxy(c, values.proxy),
      insecure: c.insecure || values.insecure === true,
      probe: values['no-probe'] !== true,
      probeUnsafe: values['probe-unsafe'] === true,
      discovery: values['no-discovery'] !== true,
      ...envTraceOf(values['key-env'], values['env-dir'], input.kind === 'unset-env'),
    },
    { json: values.json, curl: values.curl, noColor: values['no-color'], verbose: values.verbose },
  );
}

/**
 * The proxy curl would use: --noproxy's hosts go direct (even with -x), and -U/--proxy-user
 * gives the proxy (-x, or the environment's) its login, as curl does. A string is a proxy URL,
 * null none, undefined: read the environment.
 */
function curlProxy(c: CurlRequest, given: string | undefined): string | null | undefined {
  let target: URL | undefined;
  try {
    target = new URL(c.url ?? '');
  } catch {
    target = undefined;
  }
  if (c.noProxy !== undefined && target && isExcluded(target, c.noProxy)) return null;
  const proxy = given ?? c.proxy ?? (target ? proxyFromEnv(target)?.url.href : undefined);
  if (c.proxyUser === undefined || proxy === undefined) return given ?? c.proxy;
  const url = parseProxyUrl(proxy);
  if (!url) return proxy;
  const colon = c.proxyUser.indexOf(':');
  url.username = encodeURIComponent(colon < 0 ? c.proxyUser : c.proxyUser.slice(0, colon));
  url.password = encodeURIComponent(colon < 0 ? '' : c.proxyUser.slice(colon + 1));
  return url.href;
}

const MAX_BODY = 1024 * 1024;

/** A file the curl command names (`-d @file`, `-H @file`, `--json @file`); `-` is stdin. */
function readDataFile(path: string): Buffer | undefined {
  try {
    return readAtMost(
      path === '-' ? '/dev/stdin' : path,
      MAX_BODY,
      `a file of the curl command is more than 1 MiB`,
    );
  } catch (e) {
    if (isWhy401Error(e)) throw e;
    return undefined;
  }
}
