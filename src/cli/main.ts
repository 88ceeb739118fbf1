import { isWhy401Error } from '../errors.js';
import { EXIT } from './exit-codes.js';
import { writeErr, writeOut } from './io.js';
import { HELP, VERSION } from './help.js';
import { maskSecretLike, setReveal } from '../secret/scrub.js';

type Command = (args: string[]) => Promise<number>;

/** Each command is loaded only when it runs: `why401 key` never loads the HTTP engine. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).run,
  curl: async () => (await import('./commands/curl.js')).run,
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
    writeErr(`why401: unknown command "${maskSecretLike(name)}". Run why401 --help for the list.`);
    return EXIT.usage;
  }
  return (await load())(rest);
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
      writeErr(`why401: ${maskSecretLike(error.message)}`);
      process.exitCode = error.code === 'WHY401_E_INTERNAL' ? EXIT.internal : EXIT.usage;
      return;
    }
    const detail =
      process.env['WHY401_DEBUG'] && error instanceof Error ? `\n${error.stack ?? ''}` : '';
    writeErr(
      `why401: internal error: ${maskSecretLike(error instanceof Error ? error.message : String(error))}${detail}`,
    );
    writeErr(
      'Please report it with the command you ran (redacted): https://github.com/why401/why401/issues',
    );
    process.exitCode = EXIT.internal;
  },
);
