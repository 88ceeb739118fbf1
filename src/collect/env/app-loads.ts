import { closeSync, openSync, readSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readSmallText } from './read-text.js';
import { findFiles, type WalkLimits } from './walk.js';

/** Packages whose presence means the app (or its start script) loads .env itself. */
const LOADER_PACKAGES = [
  'dotenv',
  '@dotenvx/dotenvx',
  'dotenv-flow',
  'dotenv-cli',
  'dotenv-extended',
  'dotenv-safe',
  'env-cmd',
];

/** package.json scripts that load .env before the app starts. */
const SCRIPT_LOADS =
  /--env-file(?:-if-exists)?[=\s]|(?:-r|--require|--import)[=\s]+['"]?dotenv\/config|\bdotenvx?\s+(?:run\b|-e\b|--\s)|\benv-cmd\b/;

/** Source lines that load .env: Node's dotenv and dotenvx in their forms, python-dotenv. */
const SOURCE_LOADS =
  /(?:import\s+['"](?:dotenv|@dotenvx\/dotenvx)\/config['"]|require\(\s*['"](?:dotenv|@dotenvx\/dotenvx)(?:\/config['"]\s*\)|['"]\s*\)\s*\.config\s*\()|\bdotenv(?:x)?\.config\s*\(|from\s+['"](?:dotenv|@dotenvx\/dotenvx)['"]|\bload_dotenv\s*\(|process\.loadEnvFile\s*\()/;

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|py)$/;

/** Source files looked at for an import that loads .env: imports sit at the top of a file. */
export const SOURCE_SCAN_LIMITS: WalkLimits = { depth: 2, maxEntries: 2000, maxFiles: 200 };
/** Bytes read from the start of each source file. */
export const SOURCE_HEAD_BYTES = 16 * 1024;

/**
 * How the app in `dir` loads its .env file itself, as evidence (`src/index.js:1 imports
 * dotenv/config`), or null when nothing says it does. Read in this order, stopping at the first
 * answer: package.json (a loader package among the dependencies, a start script with
 * `--env-file`, `-r dotenv/config`, `dotenvx run`, `env-cmd`), then the head of the folder's
 * source files (two levels down, at most SOURCE_SCAN_LIMITS.maxFiles files of SOURCE_HEAD_BYTES
 * each). Never throws.
 */
export async function detectAppLoads(dir: string): Promise<string | null> {
  const pkg = await readSmallText(join(dir, 'package.json'));
  if (pkg?.ok) {
    const found = fromPackageJson(pkg.text);
    if (found !== null) return found;
  }
  const files = await findFiles(dir, (name) => SOURCE_FILE.test(name), SOURCE_SCAN_LIMITS);
  for (const path of files) {
    const head = readHead(path);
    if (head === null) continue;
    const m = SOURCE_LOADS.exec(head);
    if (!m) continue;
    const line = head.slice(0, m.index).split('\n').length;
    const shown = relative(dir, path).split(/[\\/]/).join('/');
    return `${shown}:${line} loads .env (${loadWord(m[0])})`;
  }
  return null;
}

/** The package.json answer alone (pure): a loader dependency or a script that loads .env. */
export function fromPackageJson(text: string): string | null {
  let pkg: Record<string, unknown>;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object') return null;
    pkg = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const scripts = record(pkg['scripts']);
  for (const [name, script] of Object.entries(scripts)) {
    if (typeof script !== 'string') continue;
    const m = SCRIPT_LOADS.exec(script);
    if (m) return `package.json script "${name}" loads .env (${m[0].trim()})`;
  }
  const deps = { ...record(pkg['dependencies']), ...record(pkg['devDependencies']) };
  const dep = LOADER_PACKAGES.find((p) => p in deps);
  return dep === undefined ? null : `package.json depends on ${dep}, which loads .env`;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** What the matched text is, in a few words (never more of the file). */
function loadWord(match: string): string {
  if (/load_dotenv/.test(match)) return 'load_dotenv()';
  if (/loadEnvFile/.test(match)) return 'process.loadEnvFile()';
  if (/dotenvx/.test(match)) return 'dotenvx';
  if (/\/config/.test(match)) return 'dotenv/config';
  return 'dotenv.config()';
}

function readHead(path: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(SOURCE_HEAD_BYTES);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, n);
    if (bytes.includes(0)) return null;
    return bytes.toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
