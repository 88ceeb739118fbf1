import { syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';
import { FIFO_ENV } from './frames.js';

/**
 * Worker threads have their own diagnostics channels: the preload must run in each. Node 20.20
 * runs NODE_OPTIONS' `--import` in a worker made from a file, but a worker given an environment
 * of its own (`env: {…}`) has no FIFO name, and earlier Node 20 releases may not pass `--import`
 * on. So each Worker made from a file gets the preload in its `execArgv` (a module already
 * loaded is not loaded twice) and the FIFO's name in its own environment. A worker from
 * `eval: true` source runs no `--import` at all: its calls stay unseen (run's help says so).
 */
export function watchWorkers(preloadUrl: string, fifo: string): void {
  const Original = workerThreads.Worker;
  type Options = ConstructorParameters<typeof Original>[1];
  class Worker extends Original {
    constructor(filename: string | URL, options?: Options) {
      super(filename, withPreload(options, preloadUrl, fifo));
    }
  }
  try {
    Object.defineProperty(Worker, 'name', { value: 'Worker' });
    (workerThreads as { Worker: typeof Original }).Worker = Worker;
    syncBuiltinESMExports(); // `import { Worker } from 'node:worker_threads'` sees it too
  } catch {
    // never break the app
  }
}

function withPreload(
  options: ConstructorParameters<typeof workerThreads.Worker>[1],
  preloadUrl: string,
  fifo: string,
): ConstructorParameters<typeof workerThreads.Worker>[1] {
  try {
    if (options?.eval) return options;
    const execArgv = options?.execArgv ?? process.execArgv;
    const has = execArgv.some((a, i) => a === preloadUrl && execArgv[i - 1] === '--import');
    const env = options?.env;
    const ownEnv = env !== undefined && env !== workerThreads.SHARE_ENV && typeof env === 'object';
    return {
      ...options,
      execArgv: has ? execArgv : [...execArgv, '--import', preloadUrl],
      ...(ownEnv ? { env: { ...(env as NodeJS.Dict<string>), [FIFO_ENV]: fifo } } : {}),
    };
  } catch {
    return options;
  }
}
