import { parseArgs } from 'node:util';
import { readCredential } from '../../collect/credential.js';
import { usageError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';
import { writeOut } from '../io.js';
import {
  COMMON_OPTIONS,
  CREDENTIAL_OPTIONS,
  directoryOption,
  paramsOf,
  parsed,
} from '../options.js';
import { parseHeader, runDiagnosis } from '../run-diagnosis.js';
import { providerOf } from '../provider-option.js';
import { checkProxyWord } from '../../engine/url-word.js';

export const CHECK_HELP = `Usage: why401 check [url] [options]

Sends the request, reads the answer (status, WWW-Authenticate, Server/Via and vendor headers,
Date, body), runs a few read-only probes on the same origin (without the key, the key cleaned,
in the provider's expected header, directly instead of through the proxy, another User-Agent)
and names the cause with evidence. Without a url: the provider's own validation request.

Credential
  --key-env NAME       read the key from an environment variable (preferred)
  --key-file PATH      read it from a file, as raw bytes
  --key-stdin          read it from standard input
  --key VALUE          the key itself (lands in shell history)
  -H "Name: value"     a header exactly as the app sends it (repeatable); a credential header
                       here is the request "as sent"
  --provider ID        force the provider (local or self-hosted URLs)
  --base-url ORIGIN    send the provider's requests to another origin (a URL given keeps its
                       path and query; its host still names the provider)
  --param NAME=VALUE   a value the provider's validation request needs (repeatable): Twilio's
                       --param AccountSID=AC…, Algolia's --param APP_ID=…, Azure's
                       --param resource=…, Docker Hub's --param username=…; --param user=… is
                       the user of a Basic pair (Atlassian, Bitbucket: your account email)

Request
  --url URL            the URL, as an option (instead of the [url] word)
  -X, --method M       the method (default GET, or POST with -d)
  -d, --data BODY      the request body
  --timeout MS         the time budget of the requests and probes (default 10000)
  --proxy URL          use this proxy; --no-proxy: none (default: HTTP(S)_PROXY, NO_PROXY)
  --insecure           accept any TLS certificate from the API (an https:// proxy's is
                       always checked: NODE_EXTRA_CA_CERTS for a private CA)
  --no-probe           send only the request as given
  --no-discovery       for a refused OAuth token: do not fetch the issuer's public metadata
                       (discovery, JWKS) nor the API's RFC 9728 document (no credential is
                       ever sent there)
  --probe-unsafe       let probes send a POST, PUT, PATCH or DELETE again (off: a write is
                       probed only through the provider's read-only validation request)
  --env-dir DIR        with --key-env: trace where the variable comes from in DIR, compose
                       files, Dockerfiles and manifests included (default: the working
                       directory's .env files and ~/.bashrc, ~/.zshrc, ~/.profile exports, read
                       offline), and try another value found there once
  --no-env             with --key-env: do not look where the variable comes from

Output
  --json               one why401/diagnosis@1 JSON object on stdout
  --curl               print the equivalent curl, redacted
  --verbose            show info findings too
  --reveal             show secrets unredacted (never the default)
  --no-color           no colours (NO_COLOR is honoured too)

Examples
  why401 check https://api.openai.com/v1/models --key-env OPENAI_API_KEY
  why401 check --provider github --key-env GITHUB_TOKEN
  why401 check --provider twilio --param AccountSID=AC… --key-env TWILIO_AUTH_TOKEN
  why401 check http://127.0.0.1:4000/v1/models -H "Authorization: Bearer $KEY" --json
  why401 check https://api.example.com/items --key-env API_KEY --proxy http://127.0.0.1:3128

Exit codes: 0 accepted · 1 refused (or inconclusive) · 2 usage · 3 no HTTP answer · 4 internal`;

export const CHECK_OPTIONS = {
  ...CREDENTIAL_OPTIONS,
  ...COMMON_OPTIONS,
  header: { type: 'string', short: 'H', multiple: true },
  method: { type: 'string', short: 'X' },
  data: { type: 'string', short: 'd' },
  'base-url': { type: 'string' },
  param: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  proxy: { type: 'string' },
  'no-proxy': { type: 'boolean' },
  insecure: { type: 'boolean', short: 'k' },
  'no-probe': { type: 'boolean' },
  'probe-unsafe': { type: 'boolean' },
  'no-discovery': { type: 'boolean' },
  curl: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  'env-dir': { type: 'string' },
  'no-env': { type: 'boolean' },
  url: { type: 'string' },
} as const;

/** `-X/--method M`: an HTTP method is a token (RFC 9110); anything else is a usage error. */
export function methodOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value))
    throw usageError(
      `-X/--method takes an HTTP method such as GET or POST, got "${value.slice(0, 20)}"`,
    );
  return value;
}

export function timeoutOf(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 600_000)
    throw usageError(`--timeout takes milliseconds from 1 to 600000, got "${value.slice(0, 20)}"`);
  return n;
}

/**
 * `--env-dir DIR` (with `--key-env`): also trace where the variable comes from. An unset variable
 * is traced too: the request goes out as the app's would (no key), and the cause is where the
 * value went (env.unset, env.similar-name). A DIR that is not a folder is a usage error.
 *
 * `check` passes `byDefault`: without --env-dir, the working directory is traced too, without
 * the walk for compose files, Dockerfiles and manifests (its .env files and the shell start-up
 * files: an export in ~/.bashrc that shadows .env is the common case), unless --no-env.
 */
export function envTraceOf(
  keyEnv: string | undefined,
  envDir: string | undefined,
  unset: boolean,
  byDefault?: { readonly noEnv: boolean },
): { envTrace?: { name: string; dir: string; walk: boolean } } {
  if (byDefault?.noEnv === true) {
    if (envDir !== undefined) throw usageError('--no-env and --env-dir: give one of them');
    return {};
  }
  const dir = envDir === undefined ? undefined : directoryOption('--env-dir', envDir);
  if (keyEnv === undefined || (dir === undefined && !unset && byDefault === undefined)) return {};
  return { envTrace: { name: keyEnv, dir: dir ?? '.', walk: dir !== undefined } };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parsed(
    () => parseArgs({ args, options: CHECK_OPTIONS, allowPositionals: true, strict: true }),
    'check',
  );
  if (values.help) {
    writeOut(CHECK_HELP);
    return EXIT.accepted;
  }
  // The URL as a word or as --url URL (as curl and key take it), once.
  const urls = [...positionals, ...(values.url === undefined ? [] : [values.url])];
  if (urls.length > 1)
    throw usageError(`check takes one URL, got ${urls.length}: quote the URL if it has & in it`);
  const headers = (values.header ?? []).map((h) => {
    try {
      return parseHeader(h);
    } catch (e) {
      throw usageError(e instanceof Error ? e.message : String(e));
    }
  });
  // Names and URLs first, before anything is read or sent: a key pasted there is not echoed.
  if (values.provider !== undefined) providerOf(values.provider);
  if (values.proxy !== undefined && values['no-proxy'] !== true) checkProxyWord(values.proxy);
  const params = paramsOf(values.param);
  const input = await readCredential({
    keyEnv: values['key-env'],
    keyFile: values['key-file'],
    keyStdin: values['key-stdin'],
    key: values.key,
  });
  return runDiagnosis(
    {
      url: urls[0],
      method: methodOf(values.method),
      headers,
      body: values.data,
      key: input.kind === 'secret' ? input.secret : null,
      baseUrl: values['base-url'],
      params,
    },
    {
      providerId: values.provider,
      timeoutMs: timeoutOf(values.timeout),
      proxy: values['no-proxy'] ? null : values.proxy,
      insecure: values.insecure === true,
      probe: values['no-probe'] !== true,
      probeUnsafe: values['probe-unsafe'] === true,
      discovery: values['no-discovery'] !== true,
      ...envTraceOf(values['key-env'], values['env-dir'], input.kind === 'unset-env', {
        noEnv: values['no-env'] === true,
      }),
    },
    { json: values.json, curl: values.curl, noColor: values['no-color'], verbose: values.verbose },
  );
}
