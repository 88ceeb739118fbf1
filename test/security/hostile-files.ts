/**
 * Hostile project files (issue 13, item 7): each under the 1 MiB cap of src/collect/env, each made
 * to hit a super-linear spot of env tracing (name similarity, Dockerfile continuation lines, YAML
 * aliases and merge keys, compose env_file fan-out, many variables everywhere). Used by
 * hostile-files.test.ts (outcomes) and scripts/hostile-report.mjs (time and memory, measured).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface HostileProject {
  readonly name: string;
  /** Files of the project folder, path → text. */
  readonly files: Readonly<Record<string, string>>;
  /** Files under $HOME (shell start-up files). */
  readonly home?: Readonly<Record<string, string>>;
  /** Arguments after `env` (the folder and HOME are added; the report adds --json). */
  readonly args: readonly string[];
  /** The exit code `why401 env` must end with. */
  readonly exit: number;
  /** A warning that must be printed when a limit is reached (part of its text). */
  readonly note?: string;
}

const MAX = 1024 * 1024;

const lines = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => line(i)).join('\n');

/** A value that passes for a key (no key.* error): 24 characters of letters and digits. */
const value = (i: number) => `tok${String(i).padStart(6, '0')}abcdefghijklmnop`;

/** YAML "billion laughs": nine levels of ten aliases each, 10^9 leaves if expanded. */
function aliasBomb(): string {
  const out = ['x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 9; level++)
    out.push(
      `x-a${level}: &a${level} [${Array(10)
        .fill(`*a${level - 1}`)
        .join(', ')}]`,
    );
  return out.join('\n');
}

/** The same with merge keys: each map merges the one before ten times (10^9 entries). */
function mergeBomb(): string {
  const out = [`x-m0: &m0 { API_TOKEN: ${value(0)}, B_TOKEN: ${value(1)} }`];
  for (let level = 1; level <= 9; level++)
    out.push(
      `x-m${level}: &m${level} { <<: [${Array(10)
        .fill(`*m${level - 1}`)
        .join(', ')}], L${level}_TOKEN: ${value(level)} }`,
    );
  return out.join('\n');
}

export function hostileProjects(): HostileProject[] {
  const continued = `FROM node:20\nENV \\\n${lines(30_000, (i) => `  D${i}_TOKEN=${i} \\`)}\n  LAST=1\n`;
  const projects: HostileProject[] = [
    {
      name: '.env with 20k credential-looking variables',
      files: { '.env': lines(20_000, (i) => `V${i}_TOKEN=${value(i)}`) },
      args: ['--all'],
      exit: 1,
      note: 'traced the first 1000',
    },
    {
      name: '.env with 20k variables, one traced',
      files: { '.env': lines(20_000, (i) => `V${i}_TOKEN=${value(i)}`) },
      args: ['V1_TOKEN'],
      exit: 1,
    },
    {
      name: '.env that sets one name 30k times, each to another value',
      files: { '.env': lines(30_000, (i) => `API_TOKEN=t${i.toString(36).padStart(9, 'x')}`) },
      args: ['API_TOKEN'],
      exit: 1,
      note: 'API_TOKEN is set 30000 times: the first 200 and the ones that win are traced',
    },
    {
      name: 'Dockerfile ENV with 30k continuation lines',
      files: { Dockerfile: continued },
      args: ['D1_TOKEN'],
      exit: 0,
    },
    {
      name: 'Dockerfile ENV with 30k continuation lines, --all',
      files: { Dockerfile: continued },
      args: ['--all'],
      exit: 1,
      note: 'traced the first 1000',
    },
    {
      name: 'Dockerfile ENV value with 100k $ references',
      files: { Dockerfile: `FROM node:20\nARG A=x\nENV API_TOKEN=${'$A'.repeat(100_000)}\n` },
      args: ['API_TOKEN'],
      exit: 1,
    },
    {
      name: 'Dockerfile ENV value of 300k unclosed ${',
      files: { Dockerfile: `FROM node:20\nENV API_TOKEN=${'${'.repeat(300_000)}\n` },
      args: ['API_TOKEN'],
      exit: 0,
    },
    {
      name: 'compose file with 30k environment entries',
      files: {
        'compose.yaml': `services:\n  api:\n    environment:\n${lines(30_000, (i) => `      C${i}_TOKEN: ${i}`)}\n`,
      },
      args: ['--all'],
      exit: 1,
      note: 'traced the first 1000',
    },
    {
      name: 'compose file with 30k aliases of one anchor',
      files: {
        'compose.yaml': `x-v: &v ${value(7)}\nservices:\n  api:\n    environment:\n${lines(30_000, (i) => `      A${i}_TOKEN: *v`)}\n`,
      },
      args: ['A1_TOKEN'],
      exit: 0,
    },
    {
      name: 'compose file: YAML alias bomb (billion laughs)',
      files: {
        'compose.yaml': `${aliasBomb()}\nservices:\n  api:\n    environment: *a9\n    env_file: *a9\n`,
      },
      args: ['--all'],
      exit: 0,
    },
    {
      name: 'compose file: merge-key bomb',
      files: { 'compose.yaml': `${mergeBomb()}\nservices:\n  api:\n    environment: *m9\n` },
      args: ['--all'],
      exit: 0,
      note: 'merge keys (<<) bring in more than 50000 entries',
    },
    {
      name: 'compose file: a map that merges itself',
      files: {
        'compose.yaml': `services:\n  api: &api\n    <<: *api\n    environment:\n      API_TOKEN: ${value(3)}\n`,
      },
      args: ['API_TOKEN'],
      exit: 0,
      note: 'a merge key (<<) refers to its own map; ignored',
    },
    {
      name: 'compose file: 5k services share an env_file of 5k variables',
      files: {
        'compose.yaml': `services:\n${lines(5_000, (i) => `  s${i}: { env_file: app.env }`)}\n`,
        'app.env': lines(5_000, (i) => `E${i}_TOKEN=${value(i)}`),
      },
      args: ['E1_TOKEN'],
      exit: 0,
      note: 'not read, env_files already gave',
    },
    {
      name: 'Kubernetes Secret with 30k stringData keys',
      files: {
        'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData:\n${lines(30_000, (i) => `  K${i}_TOKEN: k${i}`)}\n`,
      },
      args: ['--all'],
      exit: 0,
      note: 'traced the first 1000',
    },
    {
      name: 'Kubernetes manifest: 10k documents',
      files: {
        'k8s/many.yaml': lines(
          10_000,
          (i) => `---\nkind: ConfigMap\nmetadata: { name: m${i} }\ndata: { M${i}_TOKEN: x }`,
        ),
      },
      args: ['M1_TOKEN'],
      exit: 0,
    },
    {
      name: 'Kubernetes Secret: merge-key bomb',
      files: {
        'k8s/secret.yaml': `kind: Secret\nmetadata: { name: s }\n${mergeBomb()}\nstringData: *m9\n`,
      },
      args: ['--all'],
      exit: 0,
      note: 'merge keys (<<) bring in more than 50000 entries',
    },
    {
      name: '~/.bashrc with 30k exports',
      files: {},
      home: { '.bashrc': lines(30_000, (i) => `export S${i}_TOKEN=s${i}`) },
      args: ['--all'],
      exit: 1,
      note: 'traced the first 1000',
    },
    {
      name: '.env: 20k names a letter apart from the one traced, which is unset',
      files: {
        '.env': lines(
          20_000,
          (i) => `APP_TOKEN_${i.toString(36).toUpperCase().padStart(3, 'A')}=${value(i)}`,
        ),
      },
      args: ['APP_TOKEN_ZZZZ'],
      exit: 1,
      note: 'close spellings compared with the first 1000',
    },
  ];
  for (const p of projects)
    for (const [path, text] of [...Object.entries(p.files), ...Object.entries(p.home ?? {})])
      if (Buffer.byteLength(text) > MAX) throw new Error(`${p.name}: ${path} is over 1 MiB`);
  return projects;
}

/**
 * Every single-name project in one folder, for `check --env-dir`: the slowest folder to trace
 * (every file is read, whatever the variable).
 */
export function slowFolder(): HostileProject {
  const files: Record<string, string> = {};
  for (const p of hostileProjects())
    if (p.args[0] !== '--all' && p.home === undefined)
      for (const [path, text] of Object.entries(p.files))
        files[path in files ? `more/${path}` : path] = text;
  return { name: 'every single-name project in one folder', files, args: ['API_TOKEN'], exit: 1 };
}

/** Writes a project into a new folder under `root`: its folder and its HOME. */
export function writeProject(root: string, p: HostileProject): { dir: string; home: string } {
  const base = mkdtempSync(join(root, 'p-'));
  const dir = join(base, 'project');
  const home = join(base, 'home');
  mkdirSync(dir, { recursive: true });
  mkdirSync(home, { recursive: true });
  const write = (folder: string, files: Readonly<Record<string, string>>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), text);
    }
  };
  write(dir, p.files);
  write(home, p.home ?? {});
  return { dir, home };
}
