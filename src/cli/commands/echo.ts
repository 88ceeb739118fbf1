import { parseArgs } from 'node:util';
import type { EchoReport } from '../../capture/echo/report.js';
import { startEcho } from '../../capture/echo/server.js';
import { usageError } from '../../errors.js';
import { scrubJson } from '../../secret/scrub.js';
import { EXIT } from '../exit-codes.js';
import type { Style } from '../../report/style.js';
import { styleFor, writeErr, writeOut } from '../io.js';
import { COMMON_OPTIONS, listenError, parsed } from '../options.js';

export const ECHO_HELP = `Usage: why401 echo [--port N] [--json]

A local server that shows exactly what arrives: method, path, every header as it was on the wire
(hidden characters by name, edge spaces included), credential fingerprints (never the value),
headers sent twice and header names with underscores. It answers each request with the same, as
redacted JSON. Point an app, a proxy chain or a curl command at it to see what really leaves.

Options
  --port N             the local port (default 8402; 0: any free port)
  --json               one why401/echo@1 JSON object per request on stdout
  --no-color           no colours (NO_COLOR is honoured too)
  --reveal             show secrets unredacted (never the default)

Examples
  why401 echo
      then: curl -H "Authorization: Bearer $API_KEY" http://127.0.0.1:8402/v1/models
  why401 echo --port 9000 --json

Stop with Ctrl-C (exit code 0, the number of requests shown on stderr).`;

const OPTIONS = { ...COMMON_OPTIONS, port: { type: 'string' } } as const;

function human(r: EchoReport, style: Style): string {
  const lines = [
    style.bold(`${r.method} ${r.path}  HTTP/${r.httpVersion}  ${r.bodyBytes} bytes of body`),
  ];
  const width = Math.min(28, Math.max(...r.headers.map((h) => h.name.length)));
  for (const h of r.headers) {
    const marks = [
      h.credential ? style.cyan('credential') : '',
      h.underscore ? style.yellow('underscore') : '',
      h.count > 1 ? style.yellow(`sent ${h.count}×`) : '',
      h.hidden.length ? style.red(`hidden: ${h.hidden.join(', ')}`) : '',
    ].filter(Boolean);
    lines.push(
      `  ${h.name.padEnd(width)}  ${h.value}${marks.length ? `   ${marks.join(' · ')}` : ''}`,
    );
  }
  for (const c of r.credentials)
    lines.push(style.dim(`  credential ${c.where}: ${c.length} chars · ${c.fingerprint}`));
  for (const n of r.notes) lines.push(`  ${style.yellow('▲')} ${n}`);
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parsed(() => parseArgs({ args, options: OPTIONS, strict: true }), 'echo');
  if (values.help) {
    writeOut(ECHO_HELP);
    return EXIT.accepted;
  }
  const port = values.port === undefined ? 8402 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw usageError(
      `--port takes a number from 0 to 65535, got "${String(values.port).slice(0, 20)}"`,
    );
  const style = styleFor(1, values['no-color'] === true);
  let server;
  let requests = 0;
  try {
    server = await startEcho(port, (r) => {
      requests++;
      writeOut(values.json ? scrubJson(r) : `${human(r, style)}\n`);
    });
  } catch (e) {
    throw listenError(e, port);
  }
  writeErr(`why401 echo: listening on ${server.origin} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  writeErr(`why401 echo: ${requests} request${requests === 1 ? '' : 's'} shown`);
  return EXIT.accepted;
}
