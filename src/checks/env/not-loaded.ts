import { defineCheck, finding } from '../types.js';
import { list, processSource, where } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/**
 * In a .env file, absent from the process: nothing loaded the file (en-02). Not when the app
 * loads it itself when it starts (a framework, `import 'dotenv/config'`, `node --env-file`): the
 * shell that runs why401 lacking it says nothing about the app (env.unset says so, as info).
 */
export const envNotLoaded = defineCheck<EnvEvidence>('env-not-loaded', (e) => {
  // Next.js, Vite and their kin load their .env files themselves.
  if (processSource(e) || e.loader.id !== 'dotenv' || e.loader.loadedBy !== undefined) return [];
  const inFiles = e.sources.filter((s) => s.kind === 'dotenv');
  // The definition the app would get (the last of duplicates, the loader's first file), not
  // merely the first one found.
  const first =
    inFiles.find((s) => s.wins) ?? inFiles.find((s) => s.rank !== undefined) ?? inFiles[0];
  if (!first) return [];
  const evidence =
    first.rank !== undefined
      ? [
          `${where(first)} defines it (${first.value.fingerprint}), but the process environment lacks it: nothing loaded ${first.file ?? '.env'} into this process, or it ran from another folder`,
        ]
      : [
          `${list([...new Set(inFiles.map((s) => s.file ?? ''))])} define it, but ${e.loader.label} reads only .env, and the process environment lacks it`,
        ];
  return [finding('env.not-loaded', 'definitive', evidence, { name: e.name, file: first.file })];
});
