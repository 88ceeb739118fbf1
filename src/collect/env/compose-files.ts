import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse } from 'dotenv';
import { displayPath } from './display-path.js';
import { interpolate } from './interpolate.js';
import type { Collected } from './dotenv-files.js';
import { scanDotenv } from './dotenv-scan.js';
import { readSmallText } from './read-text.js';

/** docker-compose.yml, compose.yaml, docker-compose.override.yml, docker-compose.prod.yml, … */
export function isComposeName(name: string): boolean {
  return /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i.test(name);
}

const DEFAULT_PAIR = /^(docker-)?compose(\.override)?\.ya?ml$/i;

interface Context {
  readonly dir: string;
  readonly home: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * What compose gives each service's container: `environment` beats `env_file`, a later env_file
 * beats an earlier one, the default override file beats the base file. The YAML parser is loaded
 * only when there is a compose file to read.
 */
export async function collectComposeFiles(
  paths: readonly string[],
  ctx: Context,
): Promise<Collected> {
  const out: Collected = { definitions: [], files: [], warnings: [] };
  // Each env_file is read once, however many services name it; what they give is capped.
  const envFiles = new Map<string, EnvFile>();
  let given = 0;
  let skipped = 0;
  let firstSkipped = '';
  let compose: typeof import('./compose-parse.js') | undefined;
  for (const path of paths) {
    const read = await readSmallText(path);
    if (!read) continue;
    const file = displayPath(path, ctx.dir, ctx.home);
    if (!read.ok) {
      out.warnings.push(`${file}: skipped, ${read.skipped}`);
      continue;
    }
    const folder = dirname(path);
    const pair = DEFAULT_PAIR.test(basename(path));
    const group = `compose:${pair ? relative(ctx.dir, folder) || '.' : file}`;
    const order = pair && /\.override\./i.test(basename(path)) ? 1 : 0;
    // The shell where compose runs beats the project's .env for ${VAR} and pass-through.
    const projectEnv = await readProjectEnv(folder);
    const lookup = (name: string) => ctx.env[name] ?? projectEnv[name];
    compose ??= await import('./compose-parse.js');
    const parsed = compose.parseCompose(read.text, lookup);
    // What each service's earlier env_files set: later files resolve ${VAR} from them first.
    const serviceVars = new Map<string, Map<string, string>>();
    for (const p of parsed.problems) out.warnings.push(`${file}:${p.line}: ${p.message}`);
    for (const e of parsed.environment) {
      out.definitions.push({
        kind: 'compose',
        name: e.name,
        value: e.value,
        file,
        line: e.line,
        tool: `compose environment, ${e.syntax} syntax (service ${e.service})`,
        group: `${group}#${e.service}`,
        priority: 1000 + order,
        canWin: true,
        via: 'environment',
        ...(e.note !== undefined ? { note: e.note } : {}),
      });
    }
    for (const f of parsed.envFiles) {
      const target = resolve(folder, f.path);
      const shown = displayPath(target, ctx.dir, ctx.home);
      const ref = `${file}:${f.line}`;
      let envFile = envFiles.get(target);
      if (envFile === undefined) {
        envFile = await readEnvFile(target, shown, out);
        envFiles.set(target, envFile);
      }
      if (envFile === null) {
        if (f.required) out.warnings.push(`${ref}: env_file ${f.path} not found`);
        continue;
      }
      if (envFile === 'skipped') continue;
      if (given + envFile.entries.length > MAX_ENV_FILE_DEFINITIONS) {
        if (skipped++ === 0) firstSkipped = `${ref}: env_file ${f.path}`;
        continue;
      }
      given += envFile.entries.length;
      const earlier = serviceVars.get(f.service) ?? new Map<string, string>();
      const own = new Map<string, string>();
      for (const e of envFile.entries) {
        let value = f.raw ? e.literal : e.hashCut ? composeUnquoted(e.literal) : e.value;
        // Compose v2 substitutes ${VAR} in unquoted and double-quoted values (not single-quoted):
        // from the service's earlier env_files and where compose runs, then this file so far.
        if (!f.raw && value.includes('$') && !e.literal.trimStart().startsWith("'")) {
          const result = interpolate(value, (n) => earlier.get(n) ?? lookup(n) ?? own.get(n));
          if (result.missing.length > 0)
            out.warnings.push(
              `${shown}:${e.line}: in the value of ${e.name}, a $ starts a reference to a variable set nowhere: compose puts an empty string (write $$ for a literal $)`,
            );
          value = result.value;
        }
        own.set(e.name, value);
        out.definitions.push({
          kind: 'compose',
          name: e.name,
          value,
          file: shown,
          line: e.line,
          tool: `compose env_file (service ${f.service}, ${ref})`,
          group: `${group}#${f.service}`,
          priority: order * 100 + f.index,
          canWin: true,
          via: 'env_file',
          composeRef: ref,
          ...(e.quoted && !f.raw ? { quotedInFile: true } : {}),
        });
      }
      for (const [name, value] of own) earlier.set(name, value);
      serviceVars.set(f.service, earlier);
    }
  }
  if (skipped > 0)
    out.warnings.push(
      `${firstSkipped}${skipped > 1 ? ` and ${skipped - 1} more env_file references` : ''}: not read, env_files already gave ${given} variables (at most ${MAX_ENV_FILE_DEFINITIONS} are read)`,
    );
  return out;
}

/**
 * Variables env_files may give, in all: 5,000 services naming one env_file of 5,000 variables
 * would otherwise make 25 million definitions (gigabytes) from two small files.
 */
export const MAX_ENV_FILE_DEFINITIONS = 50_000;

/** An env_file read and scanned; null when missing, 'skipped' when unreadable (warned once). */
type EnvFile = ReturnType<typeof scanDotenv> | null | 'skipped';

async function readEnvFile(target: string, shown: string, out: Collected): Promise<EnvFile> {
  const read = await readSmallText(target);
  if (!read) return null;
  if (!read.ok) {
    out.warnings.push(`${shown}: skipped, ${read.skipped}`);
    return 'skipped';
  }
  // Compose v2 reads env_file with its own dotenv parser, which removes quotes like dotenv;
  // `docker run --env-file` and Compose v1 take values literally (quotesInFile marks those).
  const scan = scanDotenv(read.text);
  out.files.push({ file: shown, kind: 'compose', crlf: scan.crlf });
  for (const line of scan.unparsed)
    out.warnings.push(`${shown}:${line}: not a NAME=value line; compose rejects or skips it`);
  return scan;
}

/**
 * An unquoted env_file value as Compose v2 reads it: a `#` starts a comment only after a space
 * (`KEY=abc#def` is `abc#def`), and the value is trimmed.
 */
export function composeUnquoted(literal: string): string {
  const comment = /\s#/.exec(literal);
  return (comment ? literal.slice(0, comment.index) : literal).trim();
}

async function readProjectEnv(folder: string): Promise<Record<string, string>> {
  const read = await readSmallText(join(folder, '.env'));
  return read?.ok ? parse(read.text) : {};
}
