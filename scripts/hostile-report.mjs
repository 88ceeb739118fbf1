#!/usr/bin/env node
// `node scripts/hostile-report.mjs` (after `npm run build`): runs the built CLI against every
// hostile server of test/security/hostile-servers.ts and prints a table: the finding it named,
// the exit code, the wall time and the peak memory (RSS) of the CLI process. Not a test: figures
// depend on the machine; the tests assert the findings, exit codes and that nothing crashes.
//
// Peak memory comes from GNU time (`/usr/bin/time -v`, "Maximum resident set size") when present,
// else from polling /proc/<pid>/status (VmHWM, the kernel's own high-water mark).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'why401.cjs');
const GNU_TIME = '/usr/bin/time';
const HEAP_MB = 150;

if (!existsSync(CLI)) {
  console.error('dist/cli/why401.cjs is missing: run npm run build first');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'why401-hostile-report-'));
const servers = join(dir, 'hostile-servers.mjs');
await build({
  entryPoints: [join(ROOT, 'test', 'security', 'hostile-servers.ts')],
  outfile: servers,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const H = await import(pathToFileURL(servers).href);

const key = `t0k-${randomBytes(24).toString('base64url')}`;

/** Runs `check <url> --json --timeout 2000` under a 150 MB heap; wall time and peak RSS. */
function run(url) {
  const timeFile = join(dir, `time-${randomBytes(4).toString('hex')}`);
  const node = [`--max-old-space-size=${HEAP_MB}`, CLI, 'check', url];
  const args = [...node, '--key-env', 'API_KEY', '--json', '--timeout', '2000'];
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime
    ? [GNU_TIME, ['-v', '-o', timeFile, process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', API_KEY: key },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {
            // gone already
          }
        }, 5);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const ms = Math.round(performance.now() - started);
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(
          readFileSync(timeFile, 'utf8'),
        );
        hwm = m ? Number(m[1]) : 0;
        const exit = /Exit status: (\d+)/.exec(readFileSync(timeFile, 'utf8'));
        code = exit ? Number(exit[1]) : code;
      }
      let cause = '(no JSON)';
      try {
        const json = JSON.parse(stdout);
        cause = `${json.verdict.status} / ${json.verdict.cause ?? 'null'}`;
      } catch {
        cause = `(no JSON) ${stderr.split('\n')[0]?.slice(0, 60) ?? ''}`;
      }
      const leaked = stdout.includes(key.slice(4, 13)) || stderr.includes(key.slice(4, 13));
      resolve({ code, ms, peakMb: hwm / 1024, cause, leaked });
    });
  });
}

const rows = [];
const tls = H.selfSigned();
for (const s of H.scenarios(tls)) {
  const server = await s.start();
  const r = await run(`${server.origin}${s.path}`);
  const sent = server.bytesSent();
  await server.stop();
  rows.push({ ...r, name: s.name, sent });
}
// A redirect to another origin: the credential must never arrive there.
{
  const other = await H.bearer401();
  const front = await H.redirectTo(() => other.origin);
  const r = await run(`${front.origin}/v1/items`);
  const arrived = other.seen.some((x) => x.raw.includes(key));
  await front.stop();
  await other.stop();
  rows.push({
    ...r,
    name: `307 to another origin (key arrived there: ${arrived ? 'YES' : 'no'})`,
    sent: 0,
  });
}
rmSync(dir, { recursive: true, force: true });

const head = [
  'hostile server',
  'verdict / finding',
  'exit',
  'time',
  'peak RSS',
  'server sent',
  'leak',
];
const body = rows.map((r) => [
  r.name,
  r.cause,
  String(r.code),
  `${(r.ms / 1000).toFixed(2)} s`,
  `${r.peakMb.toFixed(0)} MB`,
  r.sent ? `${(r.sent / 1024 / 1024).toFixed(1)} MiB` : '-',
  r.leaked ? 'LEAK' : 'none',
]);
const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const b of body) console.log(line(b));
console.log(
  `\nnode ${process.version}, --max-old-space-size=${HEAP_MB}, --timeout 2000; peak RSS from ${existsSync(GNU_TIME) ? 'GNU time' : '/proc VmHWM'}`,
);
