import { parseArgs } from 'node:util';
import { readCredential } from '../../collect/credential.js';
import { isWhy401Error, usageError } from '../../errors.js';
import { diagnoseTokenRequest, type TokenGrant } from '../../engine/token-request.js';
import { checkProxyWord } from '../../engine/url-word.js';
import { diagnosisHuman } from '../../report/human-diagnosis.js';
import { Secret } from '../../secret/secret.js';
import { scrubJson } from '../../secret/scrub.js';
import { isPlainName } from '../../secret/name-or-secret.js';
import { EXIT, exitOfVerdict } from '../exit-codes.js';
import { isTerminal, styleFor, writeErr, writeOut, writeResult } from '../io.js';
import { COMMON_OPTIONS, parsed } from '../options.js';
import { timeoutOf } from './check.js';

export const TOKEN_HELP = `Usage: why401 token (--token-url URL | --issuer URL) --client-id ID [options]

Sends the token request the way the app does (OAuth 2: client_credentials, refresh_token or
password grant; the client's id and secret as an Authorization: Basic header or in the form
body), reads the answer (RFC 6749 error, error_description, Azure's AADSTS codes) and names the
cause. When the client is refused it probes the same origin at most twice: once with the other
client authentication method, once with the secret cleaned (a newline, spaces or quotes
removed); probes of the refresh_token and password grants send a stand-in grant, so they never
use up a refresh token or count a failed sign-in. With --then URL the token received is tried
on that API and the pair is diagnosed. Every secret and token is redacted, never printed.

Token endpoint
  --token-url URL          the token endpoint
  --issuer URL             the issuer: its discovery document names the token endpoint and the
                           client authentication methods it supports (read with no credential)
Client
  --client-id ID           the client (application) id
  --client-secret-env NAME read the client secret from an environment variable (preferred)
  --client-secret-file P   read it from a file, as raw bytes
  --client-secret-stdin    read it from standard input
  --auth basic|post        how the app sends the id and secret: basic = Authorization: Basic
                           (client_secret_basic, the default), post = in the form body
                           (client_secret_post)
Grant
  --grant G                client_credentials (default), refresh_token or password
  --refresh-token-env NAME the refresh token (refresh_token grant; where refresh tokens rotate,
                           a request that succeeds uses it up: store the new one it returns,
                           or test with a copy the app does not need)
  --username USER          the user (password grant)
  --password-env NAME      the user's password (password grant)
  --scope S                the scope parameter, as the app sends it
  --audience A             the audience parameter (Auth0 and others)
  --resource URI           an RFC 8707 resource indicator (repeatable)

Then
  --then URL               call this API with the access token received (GET, Authorization:
                           Bearer) and diagnose it with check's engine

Request and output
  --timeout MS             the time budget of every request (default 10000)
  --proxy URL | --no-proxy as check
  --insecure               accept any TLS certificate from the servers
  --no-probe               send only the request as the app does
  --json                   one why401/diagnosis@1 JSON object on stdout
  --verbose                show info findings too
  --reveal                 show secrets unredacted (never the default; tokens too)
  --no-color               no colours

Examples
  why401 token --issuer https://idp.example.com/realms/demo --client-id api-client \\
      --client-secret-env CLIENT_SECRET
  why401 token --token-url https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token \\
      --client-id 11111111-2222-3333-4444-555555555555 --client-secret-env AZURE_CLIENT_SECRET \\
      --scope https://graph.microsoft.com/.default --auth post
  why401 token --issuer https://idp.example.com --client-id app --client-secret-env SECRET \\
      --grant refresh_token --refresh-token-env REFRESH_TOKEN
  why401 token --issuer https://idp.example.com --client-id svc --client-secret-env SECRET \\
      --resource https://api.example.com/ --then https://api.example.com/data --json

Exit codes: 0 token issued (and, with --then, accepted) · 1 refused (or inconclusive) · 2 usage
· 3 no HTTP answer · 4 internal`;

export const TOKEN_OPTIONS = {
  ...COMMON_OPTIONS,
  'token-url': { type: 'string' },
  issuer: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-env': { type: 'string' },
  'client-secret-file': { type: 'string' },
  'client-secret-stdin': { type: 'boolean' },
  auth: { type: 'string' },
  grant: { type: 'string' },
  'refresh-token-env': { type: 'string' },
  username: { type: 'string' },
  'password-env': { type: 'string' },
  scope: { type: 'string' },
  audience: { type: 'string' },
  resource: { type: 'string', multiple: true },
  then: { type: 'string' },
  timeout: { type: 'string' },
  proxy: { type: 'string' },
  'no-proxy': { type: 'boolean' },
  insecure: { type: 'boolean', short: 'k' },
  'no-probe': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

const GRANTS: readonly TokenGrant[] = ['client_credentials', 'refresh_token', 'password'];

/** A secret read from the variable NAME (`--refresh-token-env`, `--password-env`). */
function secretFromEnv(flag: string, name: string | undefined): Secret | undefined {
  if (name === undefined) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) || !isPlainName(name))
    throw usageError(
      `${flag} takes a variable NAME; what was given (${name.length} chars) looks like a value and is not shown`,
    );
  const value = process.env[name];
  if (value === undefined) throw usageError(`${flag} ${name}: the variable is not set`);
  return new Secret(value, `env:${name}`);
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parsed(
    () => parseArgs({ args, options: TOKEN_OPTIONS, allowPositionals: true, strict: true }),
    'token',
  );
  if (values.help) {
    writeOut(TOKEN_HELP);
    return EXIT.accepted;
  }
  if (positionals.length > 0)
    throw usageError('token takes no words: give the endpoint with --token-url or --issuer');
  const clientId = values['client-id'];
  if (clientId === undefined) throw usageError('give the client id: --client-id ID');
  const grant = values.grant ?? 'client_credentials';
  if (!(GRANTS as readonly string[]).includes(grant))
    throw usageError(`--grant takes ${GRANTS.join(', ')}; got "${grant.slice(0, 30)}"`);
  const auth = values.auth ?? 'basic';
  if (auth !== 'basic' && auth !== 'post')
    throw usageError(`--auth takes basic or post; got "${auth.slice(0, 30)}"`);
  if (values.proxy !== undefined && values['no-proxy'] !== true) checkProxyWord(values.proxy);
  let input;
  try {
    input = await readCredential({
      keyEnv: values['client-secret-env'],
      keyFile: values['client-secret-file'],
      keyStdin: values['client-secret-stdin'],
    });
  } catch (e) {
    // The reader speaks of --key-*: here the options are --client-secret-*.
    if (isWhy401Error(e))
      e.message = e.message.replace(/--key-(env|file|stdin)/g, '--client-secret-$1');
    throw e;
  }
  if (input.kind === 'unset-env')
    throw usageError(`--client-secret-env ${input.name}: the variable is not set`);
  const d = await diagnoseTokenRequest(
    {
      tokenUrl: values['token-url'],
      issuer: values.issuer,
      clientId,
      clientSecret: input.kind === 'secret' ? input.secret : null,
      grant: grant as TokenGrant,
      refreshToken: secretFromEnv('--refresh-token-env', values['refresh-token-env']),
      username: values.username,
      password: secretFromEnv('--password-env', values['password-env']),
      scope: values.scope,
      audience: values.audience,
      resources: values.resource,
      auth,
      then: values.then,
    },
    {
      timeoutMs: timeoutOf(values.timeout),
      probe: values['no-probe'] !== true,
      proxy: values['no-proxy'] ? null : values.proxy,
      insecure: values.insecure === true,
      ...(!values.json && isTerminal(2) ? { onProgress: (l: string) => writeErr(`… ${l}`) } : {}),
    },
  );
  const code = exitOfVerdict(d.verdict.status);
  if (values.json) writeResult(scrubJson(d, 2), code);
  else
    writeResult(
      diagnosisHuman(d, styleFor(1, values['no-color'] === true), values.verbose === true),
      code,
    );
  return code;
}
