import { syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';
import { FIFO_ENV } from './run-frames.js';

/**
 * Worker threads: Node 20 does not run NODE_OPTIONS' `--import` in them, and each thread has its
 * own diagnostics channels, so the main thread's watch sees none of their calls. Each Worker made
 * from a file is given the preload in its `execArgv` (and the FIFO's name, when the app gives the
 * worker an environment of its own). A worker from `eval: true` source runs no `--import`: its
 * calls stay unseen.
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
