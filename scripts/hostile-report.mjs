#!/usr/bin/env node
// `node scripts/hostile-report.mjs` (after `npm run build`): runs the built CLI against every
// hostile server of test/security/hostile-servers.ts and prints a table: the finding it named,
// the exit code, the wall time and the peak memory (RSS) of the CLI process. Then `why401 env`
// against every hostile project of test/security/hostile-files.ts (files under the 1 MiB cap
// made to hit super-linear parsing), and `check --env-dir` on one of them against a server that
// answers at once. Not a test: figures depend on the machine; the tests assert the findings, exit
// codes and that nothing crashes. `node scripts/hostile-report.mjs env` runs the env part only.
// A run is killed after KILL_S seconds (env HOSTILE_KILL_S, default 120) and shown as such.
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
const KILL_S = Number(process.env.HOSTILE_KILL_S ?? 120);
const ONLY_ENV = process.argv[2] === 'env';

if (!existsSync(CLI)) {
  console.error('dist/cli/why401.cjs is missing: run npm run build first');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'why401-hostile-report-'));
/** A test module, bundled to plain JavaScript. */
async function load(name) {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'test', 'security', `${name}.ts`)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
const H = await load('hostile-servers');
const F = await load('hostile-files');

const key = `t0k-${randomBytes(24).toString('base64url')}`;

/** Runs `check <url> --json --timeout 2000` under a 150 MB heap; wall time and peak RSS. */
function run(url, extra = [], env = {}) {
  const args = ['check', url, '--key-env', 'API_KEY', '--json', '--timeout', '2000', ...extra];
  return runCli(
    args,
    { API_KEY: key, ...env },
    (json) => `${json.verdict.status} / ${json.verdict.cause ?? 'null'}`,
  );
}

/**
 * Runs the built CLI with `args` under a 150 MB heap, killed after KILL_S seconds; `summary`
 * turns its JSON output into the table's second column.
 */
function runCli(cliArgs, env, summary) {
  const timeFile = join(dir, `time-${randomBytes(4).toString('hex')}`);
  const args = [`--max-old-space-size=${HEAP_MB}`, CLI, ...cliArgs];
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime
    ? [GNU_TIME, ['-v', '-o', timeFile, process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: a kill ends GNU time and the CLI together
    });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    let killed = false;
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
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ended meanwhile
      }
    }, KILL_S * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      const ms = Math.round(performance.now() - started);
      if (useTime && existsSync(timeFile)) {
        const text = readFileSync(timeFile, 'utf8');
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
        hwm = m ? Number(m[1]) : 0;
        const exit = /Exit status: (\d+)/.exec(text);
        code = exit ? Number(exit[1]) : code;
        const signal = /terminated by signal (\d+)/.exec(text);
        if (signal) code = `signal ${signal[1]}`;
      }
      let cause = '(no JSON)';
      try {
        cause = summary(JSON.parse(stdout));
      } catch {
        cause = `(no JSON) ${stderr.split('\n')[0]?.slice(0, 60) ?? ''}`;
      }
      if (killed) cause = `KILLED after ${KILL_S} s`;
      const leaked = stdout.includes(key.slice(4, 13)) || stderr.includes(key.slice(4, 13));
      resolve({ code: killed ? 'killed' : code, ms, peakMb: hwm / 1024, cause, leaked });
    });
  });
}

const rows = [];
if (!ONLY_ENV) {
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
}

// Hostile project files: `why401 env` with the folder and HOME of each project.
const envRows = [];
for (const p of F.hostileProjects()) {
  const { dir: project, home } = F.writeProject(dir, p);
  const r = await runCli(['env', ...p.args, '--json', '--dir', project], { HOME: home }, (json) =>
    json.variables
      ? `${json.variables.length} variables, ${json.warnings.length} warnings`
      : `${json.sources.length} sources, ${json.findings.length} findings`,
  );
  envRows.push({ ...r, name: p.name, want: p.exit });
}
// A folder that takes long to trace must not make a server's quick answer look late.
{
  const p = F.slowFolder();
  const { dir: project, home } = F.writeProject(dir, p);
  const server = await H.bearer401();
  const r = await run(`${server.origin}/v1/items`, ['--env-dir', project], { HOME: home });
  await server.stop();
  envRows.push({ ...r, name: `check --env-dir (${p.name}), 401 at once`, want: 1 });
}
rmSync(dir, { recursive: true, force: true });

/** Prints a Markdown table. */
function table(head, body) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
if (rows.length > 0) {
  table(
    ['hostile server', 'verdict / finding', 'exit', 'time', 'peak RSS', 'server sent', 'leak'],
    rows.map((r) => [
      r.name,
      r.cause,
      String(r.code),
      seconds(r.ms),
      `${r.peakMb.toFixed(0)} MB`,
      r.sent ? `${(r.sent / 1024 / 1024).toFixed(1)} MiB` : '-',
      r.leaked ? 'LEAK' : 'none',
    ]),
  );
  console.log('');
}
table(
  ['hostile project file', 'result', 'exit (expected)', 'time', 'peak RSS'],
  envRows.map((r) => [
    r.name,
    r.cause,
    `${r.code} (${r.want})`,
    seconds(r.ms),
    `${r.peakMb.toFixed(0)} MB`,
  ]),
);
console.log(
  `\nnode ${process.version}, --max-old-space-size=${HEAP_MB}, --timeout 2000, killed after ${KILL_S} s; peak RSS from ${existsSync(GNU_TIME) ? 'GNU time' : '/proc VmHWM'}`,
);
