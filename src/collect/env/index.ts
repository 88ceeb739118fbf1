import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { detectAppLoads } from './app-loads.js';
import { collectComposeFiles, isComposeName } from './compose-files.js';
import { collectDockerfiles, isDockerfileName } from './dockerfiles.js';
import { collectDotenvFiles } from './dotenv-files.js';
import { detectFramework, type Framework } from './framework.js';
import { collectK8sManifests } from './k8s-manifests.js';
import { loaderFor, type DotenvLoader } from '../../evidence/dotenv-loader.js';
import { collectNetrc } from './netrc.js';
import { collectProcessEnv } from './process-env.js';
import { collectShellFiles } from './shell-files.js';
import type { Definition, FileFacts, NetrcEntry } from '../../evidence/env-definitions.js';
import { findFiles } from './walk.js';

export interface CollectOptions {
  /** The project folder; default the working directory. */
  readonly dir?: string | undefined;
  /** Where shell start-up files and .netrc live; default $HOME. */
  readonly home?: string | undefined;
  /** The environment an app started here inherits; default this process's. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Framework mode (`development`, `production`, `test`, …) for the .env file order. */
  readonly mode?: string | undefined;
  /**
   * Also look for compose files, Dockerfiles and Kubernetes manifests below the folder (default
   * true). False reads only the environment, the folder's .env files, the shell start-up files
   * and .netrc: `check --key-env`'s trace of the working directory, a few stats and small reads.
   */
  readonly walk?: boolean | undefined;
}

/** Everything every variable's sources need, read once (I/O only, never throws on bad files). */
export interface CollectedEnv {
  readonly dir: string;
  readonly home: string;
  readonly framework: Framework | null;
  readonly loader: DotenvLoader;
  readonly definitions: readonly Definition[];
  readonly files: readonly FileFacts[];
  readonly netrc: readonly NetrcEntry[];
  /** Files skipped or lines not understood, as `file:line: why`; never a value. */
  readonly warnings: readonly string[];
}

export async function collectEnv(options: CollectOptions = {}): Promise<CollectedEnv> {
  const env = options.env ?? process.env;
  const dir = resolve(options.dir ?? process.cwd());
  const home = options.home ?? env['HOME'] ?? homedir();
  const detected = await detectFramework(dir);
  const plain = loaderFor(detected.framework, options.mode);
  const found =
    options.walk === false
      ? []
      : await findFiles(
          dir,
          (name) => isComposeName(name) || isDockerfileName(name) || /\.ya?ml$/i.test(name),
        );
  const compose = found.filter((p) => isComposeName(p.split(/[\\/]/).pop() ?? ''));
  const docker = found.filter((p) => isDockerfileName(p.split(/[\\/]/).pop() ?? ''));
  const yaml = found.filter((p) => /\.ya?ml$/i.test(p) && !compose.includes(p));
  const dotenv = await collectDotenvFiles(dir, plain);
  // Whether the app loads .env itself is read only when a .env file defines something and the
  // loader is plain dotenv (frameworks load theirs): package.json, then the sources' imports.
  const loadedBy =
    plain.id === 'dotenv' && dotenv.definitions.length > 0 ? await detectAppLoads(dir) : null;
  const loader = loadedBy === null ? plain : { ...plain, loadedBy };
  const parts = [
    dotenv,
    await collectShellFiles(home, dir),
    await collectDockerfiles(docker, dir, home),
    await collectComposeFiles(compose, { dir, home, env }),
    await collectK8sManifests(yaml, dir, home),
  ];
  const netrc = await collectNetrc(env, home, dir);
  return {
    dir,
    home,
    framework: detected.framework,
    loader,
    definitions: [...collectProcessEnv(env), ...parts.flatMap((p) => p.definitions)],
    files: parts.flatMap((p) => p.files),
    netrc: netrc.entries,
    warnings: [
      ...(detected.warning !== undefined ? [detected.warning] : []),
      ...parts.flatMap((p) => p.warnings),
      ...netrc.warnings,
    ],
  };
}

export type {
  Definition,
  FileFacts,
  NetrcEntry,
  SourceKind,
} from '../../evidence/env-definitions.js';
export type { DotenvLoader } from '../../evidence/dotenv-loader.js';
export type { Framework } from './framework.js';
