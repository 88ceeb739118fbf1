import type { Framework } from './framework.js';

/** How the app reads .env files: which files, in which order. Pure data. */
export interface DotenvLoader {
  readonly id: 'dotenv' | 'next' | 'vite';
  /** `dotenv`, `Next.js`, `Vite (SvelteKit)`, … */
  readonly label: string;
  readonly mode: string;
  /** The files it loads, the one that wins first. The environment beats them all. */
  readonly files: readonly string[];
  /** Expands `${VAR}` references inside values (dotenv-expand). */
  readonly expands: boolean;
  /**
   * Plain dotenv only: how the app loads .env itself when it starts (`src/index.js:1 loads .env
   * (dotenv/config)`, `package.json depends on dotenv, …`), read from the project; absent when
   * nothing says so.
   */
  readonly loadedBy?: string;
}

/** Every .env file name worth reading for a mode, whatever the loader. */
export function candidateFiles(mode: string): string[] {
  return [`.env.${mode}.local`, '.env.local', `.env.${mode}`, '.env'];
}

/**
 * dotenv (Node dotenv, python-dotenv, `node --env-file`): `.env` only, no override.
 * Next.js (and CRA, Expo): `.env.[mode].local`, `.env.local` (not in test), `.env.[mode]`, `.env`.
 * Vite (and SvelteKit, Astro): `.env.[mode].local`, `.env.[mode]`, `.env.local`, `.env`.
 * Nuxt reads `.env` only. Without a framework, `--mode` asks for the Next.js order.
 */
export function loaderFor(framework: Framework | null, mode: string | undefined): DotenvLoader {
  const m = mode ?? 'development';
  const id = framework?.id;
  if (id === 'vite' || id === 'sveltekit' || id === 'astro') {
    return {
      id: 'vite',
      label: id === 'vite' ? 'Vite' : `Vite (${framework?.label ?? ''})`,
      mode: m,
      files: [`.env.${m}.local`, `.env.${m}`, '.env.local', '.env'],
      expands: true,
    };
  }
  if (id === 'next' || id === 'cra' || id === 'expo' || (id === undefined && mode !== undefined)) {
    return {
      id: 'next',
      label: framework?.label ?? 'Next.js order (--mode)',
      mode: m,
      files: [`.env.${m}.local`, ...(m === 'test' ? [] : ['.env.local']), `.env.${m}`, '.env'],
      expands: true,
    };
  }
  return {
    id: 'dotenv',
    label: framework ? `${framework.label} (dotenv)` : 'dotenv',
    mode: m,
    files: ['.env'],
    expands: false,
  };
}
