import { parseArgs } from 'node:util';
import { usageError } from '../../errors.js';
import { looksLikeName, scrubJson } from '../../secret/scrub.js';
import { isPlainName } from '../../secret/name-or-secret.js';
import { scanAllEnv, traceEnv } from '../../engine/trace-env.js';
import { envHuman, envJson, envScanHuman, envScanJson } from '../../report/env.js';
import { EXIT } from '../exit-codes.js';
import { styleFor, writeOut, writeResult } from '../io.js';
import { COMMON_OPTIONS, directoryOption, parsed } from '../options.js';

export const ENV_HELP = `Usage: why401 env <NAME> [options]
       why401 env --all [options]

Shows where an environment variable's value comes from and which source wins for whom: the
process environment, the folder's .env files (in dotenv, Next.js or Vite order), shell start-up
files under $HOME, Dockerfiles, docker-compose files, Kubernetes Secrets and ConfigMaps, and a
.netrc entry for the provider's host. Values are compared by fingerprint, never printed.

Options
  --all              every credential-looking variable (*_KEY, *_TOKEN, *_SECRET, *_PASSWORD, …),
                     problems and mismatches first (the first 1000 names found)
  --dir DIR          the project folder (default: the working directory); compose files,
                     Dockerfiles and manifests are looked for up to two levels below it
  --mode MODE        the framework mode for .env files (default development): .env.MODE.local,
                     .env.MODE; also selects the Next.js order when no framework is detected
  --host HOST        the host the key is sent to, for ~/.netrc (default: the provider's host,
                     guessed from the name)
  --json             print one why401/env@1 JSON object
  --no-color         no colours (NO_COLOR is honoured too)
  --reveal           show secrets unredacted (never the default)

Examples
  why401 env OPENAI_API_KEY
  why401 env STRIPE_SECRET_KEY --dir ./services/api --json
  why401 env VITE_API_TOKEN --mode production
  why401 env --all

Exit codes: 0 no error finding · 1 an error finding · 2 usage error`;

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parsed(
    () =>
      parseArgs({
        args,
        options: {
          ...COMMON_OPTIONS,
          all: { type: 'boolean' },
          dir: { type: 'string' },
          mode: { type: 'string' },
          host: { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      }),
    'env',
  );
  if (values.help) {
    writeOut(ENV_HELP);
    return EXIT.accepted;
  }
  const name = positionals[0];
  if (positionals.length > 1) throw usageError('env takes one variable name');
  if (values.all && name !== undefined) throw usageError('give a variable name or --all, not both');
  if (!values.all && name === undefined)
    throw usageError('which variable? why401 env NAME (or --all)');
  const ref = name === undefined ? null : /^\s*\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?\s*$/.exec(name);
  if (ref && looksLikeName(ref[1] ?? ''))
    throw usageError(`env takes the variable's name without $: why401 env ${ref[1] ?? ''}`);
  // A key pasted where the name belongs: never echoed back (as --key-env does).
  if (name !== undefined && (!NAME.test(name) || !isPlainName(name)))
    throw usageError(
      `env takes a variable NAME (e.g. OPENAI_API_KEY); what was given (${name.length} characters) looks like a key value and is not shown: never paste the key itself`,
    );
  if (values.mode !== undefined && !/^[\w.-]+$/.test(values.mode))
    throw usageError('--mode takes a mode name such as development or production');
  const dir = directoryOption('--dir', values.dir);
  const options = { dir, env: process.env, mode: values.mode, host: hostOf(values.host) };
  const style = styleFor(1, values['no-color'] === true);
  if (values.all) {
    const report = await scanAllEnv(options);
    const errors = report.variables.some((v) => v.findings.some((f) => f.severity === 'error'));
    return writeResult(
      values.json ? scrubJson(envScanJson(report), 2) : envScanHuman(report, style),
      errors ? EXIT.problem : EXIT.accepted,
    );
  }
  const report = await traceEnv(name ?? '', options);
  return writeResult(
    values.json ? scrubJson(envJson(report), 2) : envHuman(report, style),
    report.findings.some((f) => f.severity === 'error') ? EXIT.problem : EXIT.accepted,
  );
}

/** `api.example.com`, also from `https://api.example.com:443/v1`. */
function hostOf(input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  try {
    return new URL(/:\/\//.test(input) ? input : `https://${input}`).hostname;
  } catch {
    throw usageError('--host takes a host name such as api.openai.com');
  }
}
