import { isWhy401Error } from '../errors.js';
import { EXIT } from './exit-codes.js';
import { writeErr, writeOut } from './io.js';
import { VERSION } from '../version.js';
import { HELP } from './help.js';
import { setReveal } from '../secret/scrub.js';
import { isPlainName, maskPasted } from '../secret/name-or-secret.js';

type Command = (args: string[]) => Promise<number>;

/** Each command is loaded only when it runs: `why401 key` never loads the HTTP engine. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).run,
  curl: async () => (await import('./commands/curl.js')).run,
  token: async () => (await import('./commands/token.js')).run,
  demo: async () => (await import('./commands/demo.js')).run,
  key: async () => (await import('./commands/key.js')).run,
  env: async () => (await import('./commands/env.js')).run,
  explain: async () => (await import('./commands/explain.js')).run,
  providers: async () => (await import('./commands/providers.js')).run,
  capture: async () => (await import('./commands/capture.js')).run,
  run: async () => (await import('./commands/run.js')).run,
  echo: async () => (await import('./commands/echo.js')).run,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // No command is a usage error: the help goes to stderr then, stdout stays empty (cli.md).
  if (name === undefined) {
    writeErr(HELP);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    writeOut(HELP);
    return EXIT.accepted;
  }
  if (name === '--version' || name === '-v') {
    writeOut(VERSION);
    return EXIT.accepted;
  }
  // After `--` (why401 run -- <command…>) the words are the command's, not ours.
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.includes('--reveal')) setReveal(true);
  const load = COMMANDS[name];
  if (!load) {
    writeErr(`why401: ${unknownCommand(name)} Run why401 --help for the list.`);
    return EXIT.usage;
  }
  return (await load())(rest);
}

/**
 * An unknown first word: echoed with a "did you mean" when it is plainly a name (`chek`), else
 * described (a key pasted as the command, `--<key>`), never shown.
 */
function unknownCommand(word: string): string {
  const bare = word.replace(/^-{1,2}/, '');
  if (!isPlainName(bare))
    return `the first word (${word.length} characters, not shown: it may be a key) is not a command.`;
  const near = Object.keys(COMMANDS).filter((c) => c.startsWith(bare) || typo(bare, c));
  const kind = word.startsWith('-') ? 'option' : 'command';
  return `unknown ${kind} "${word}".${near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : ''}`;
}

/** One letter added, dropped, changed or two swapped: `chek`, `chekc`, `envv`. */
function typo(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || a.length < 3) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const tail = (x: string, y: string) => x === y;
  return (
    tail(a.slice(i + 1), b.slice(i + 1)) ||
    tail(a.slice(i + 1), b.slice(i)) ||
    tail(a.slice(i), b.slice(i + 1)) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && tail(a.slice(i + 2), b.slice(i + 2)))
  );
}

/** DNS lookups still in the resolver (collect/http.ts): getaddrinfo cannot be cancelled. */
const pendingLookups = () =>
  ((globalThis as Record<symbol, number | undefined>)[Symbol.for('why401.pendingLookups')] ?? 0) >
  0;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A lookup abandoned at --timeout would hold the process until the resolver gives up (15 s
    // and more for a silent DNS server): once the output is out, the run ends.
    if (pendingLookups()) {
      const flushed = (s: NodeJS.WriteStream) =>
        s.writableLength === 0 ? undefined : new Promise((r) => s.once('drain', r));
      void Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() =>
        process.exit(code),
      );
    }
  },
  (error: unknown) => {
    if (isWhy401Error(error)) {
      writeErr(`why401: ${maskPasted(error.message)}`);
      process.exitCode = error.code === 'WHY401_E_INTERNAL' ? EXIT.internal : EXIT.usage;
      return;
    }
    const detail =
      process.env['WHY401_DEBUG'] && error instanceof Error ? `\n${error.stack ?? ''}` : '';
    writeErr(
      `why401: internal error: ${maskPasted(error instanceof Error ? error.message : String(error))}${detail}`,
    );
    writeErr(
      'Please report it with the command you ran (redacted): https://github.com/why401/why401/issues',
    );
    process.exitCode = EXIT.internal;
  },
);
