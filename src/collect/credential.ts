import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { inputError, isWhy401Error, usageError } from '../errors.js';
import { Secret } from '../secret/secret.js';
import { looksLikeName } from '../secret/scrub.js';
import { isPlainName } from '../secret/name-or-secret.js';

/** Longer than any real credential: a bigger input is the wrong file, not a key. */
export const MAX_KEY_BYTES = 64 * 1024;

export interface CredentialOptions {
  readonly keyEnv?: string | undefined;
  readonly keyFile?: string | undefined;
  readonly keyStdin?: boolean | undefined;
  readonly key?: string | undefined;
}

export type CredentialInput =
  | { readonly kind: 'secret'; readonly secret: Secret }
  | { readonly kind: 'unset-env'; readonly name: string }
  | { readonly kind: 'none' };

/** Reads the credential from exactly one of --key-env, --key-file, --key-stdin, --key. */
export async function readCredential(
  options: CredentialOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CredentialInput> {
  const given = [
    options.keyEnv,
    options.keyFile,
    options.keyStdin || undefined,
    options.key,
  ].filter((v) => v !== undefined);
  if (given.length > 1)
    throw usageError('give the credential once: --key-env, --key-file, --key-stdin or --key');
  if (options.keyEnv !== undefined) {
    // `$NAME` / `${NAME}` quoted so the shell kept it: the name is right, the `$` is not.
    const ref = /^\s*\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?\s*$/.exec(options.keyEnv);
    if (ref && looksLikeName(ref[1] ?? ''))
      throw usageError(`--key-env takes the variable's name without $: --key-env ${ref[1] ?? ''}`);
    // A key pasted where the variable's name belongs: never echo it back.
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(options.keyEnv) || !isPlainName(options.keyEnv)) {
      throw usageError(
        `--key-env takes a variable NAME (e.g. OPENAI_API_KEY); what was given (${options.keyEnv.length} chars) looks like a key value and is not shown: pass a key with --key-stdin, or put it in a variable and give --key-env VAR`,
      );
    }
    const value = env[options.keyEnv];
    if (value === undefined) return { kind: 'unset-env', name: options.keyEnv };
    return {
      kind: 'secret',
      secret: new Secret(checkSize(value, `$${options.keyEnv}`), `env:${options.keyEnv}`),
    };
  }
  if (options.keyFile !== undefined)
    return { kind: 'secret', secret: readKeyFile(options.keyFile) };
  if (options.keyStdin) {
    // `echo "$KEY" | why401 … --key-stdin` adds one newline that is not the key's: dropped, and
    // said so in the source (gh auth login --with-token does the same). Two, or a CR, remain.
    const bytes = await readStdin();
    const echoed =
      bytes.length > 1 &&
      bytes.at(-1) === 0x0a &&
      !/[\r\n]/.test(bytes.subarray(0, -1).toString('latin1'));
    return {
      kind: 'secret',
      secret: echoed
        ? Secret.fromBytes(bytes.subarray(0, -1), "stdin (echo's trailing newline dropped)")
        : Secret.fromBytes(bytes, 'stdin'),
    };
  }
  if (options.key !== undefined)
    return { kind: 'secret', secret: new Secret(checkSize(options.key, '--key'), 'arg') };
  return { kind: 'none' };
}

function checkSize(value: string, where: string): string {
  if (Buffer.byteLength(value, 'utf8') > MAX_KEY_BYTES) {
    throw inputError(
      `${where} holds more than ${MAX_KEY_BYTES / 1024} KiB: no credential is that long; is it the right input?`,
    );
  }
  return value;
}

/** Read as bytes: a trailing newline is a finding, never trimmed here. */
function readKeyFile(path: string): Secret {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw usageError(`--key-file ${path} is a directory`);
    size = st.size;
  } catch (e) {
    if (isWhy401Error(e)) throw e;
    if (e instanceof Error && 'code' in e)
      throw usageError(`cannot read --key-file ${path}: ${String(e.code)}`);
    throw e;
  }
  if (size > MAX_KEY_BYTES) {
    throw inputError(
      `--key-file ${path} is ${size} bytes: no credential is that long; is it the right file?`,
    );
  }
  try {
    const tooBig = `--key-file ${path} holds more than ${MAX_KEY_BYTES / 1024} KiB: no credential is that long; is it the right file?`;
    const bytes = readAtMost(path, MAX_KEY_BYTES, tooBig);
    if (isUtf16(bytes))
      throw inputError(
        `--key-file ${path} is UTF-16 text (what Windows PowerShell's \`>\` and Out-File write): an app reading it as UTF-8 gets a NUL byte after every character; save it as UTF-8 without BOM (\`Set-Content -NoNewline -Encoding ascii\`) and run why401 again`,
      );
    return Secret.fromBytes(bytes, `file:${path}`);
  } catch (e) {
    if (isWhy401Error(e)) throw e;
    throw usageError(
      `cannot read --key-file ${path}: ${e instanceof Error && 'code' in e ? String(e.code) : 'unreadable'}`,
    );
  }
}

/** UTF-16 with its byte-order mark (FF FE little-endian, FE FF big-endian). */
function isUtf16(bytes: Buffer): boolean {
  const [a, b] = bytes;
  return (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff);
}

/**
 * The file's bytes, refused past `max`: the size stat gives is 0 for /dev/zero, a pipe or a
 * process substitution (`--key-file <(pass show api)`), so the read itself is bounded.
 */
export function readAtMost(path: string, max: number, tooBig: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(max + 1);
    let got = 0;
    for (let n = -1; n !== 0 && got < buf.length; got += n)
      n = readSync(fd, buf, got, buf.length - got, null);
    if (got > max) throw inputError(tooBig);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

async function readStdin(): Promise<Buffer> {
  if (process.stdin.isTTY)
    throw usageError('--key-stdin reads a piped value: echo -n "$KEY" | why401 key --key-stdin');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buf.length;
    if (total > MAX_KEY_BYTES)
      throw inputError(
        `stdin holds more than ${MAX_KEY_BYTES / 1024} KiB: no credential is that long`,
      );
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
