import { defineCheck, finding } from '../types.js';
import { processSource, where } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/**
 * Not in the process environment. Only context (info) when another loader gives it to its
 * consumer: a framework that loads its .env files itself, compose, an image, a pod.
 */
export const envUnset = defineCheck<EnvEvidence>('env-unset', (e) => {
  if (processSource(e)) return [];
  // Plain dotenv gives .env's value to the app only when the app calls it (loader.loadedBy).
  const appLoads = e.loader.loadedBy;
  const provided = e.sources.filter(
    (s) =>
      s.wins &&
      s.kind !== 'netrc' &&
      !(s.kind === 'dotenv' && e.loader.id === 'dotenv' && appLoads === undefined),
  );
  const passed = e.declarations.filter((d) => d.kind === 'compose' && d.note?.startsWith('passed'));
  const raw = finding(
    'env.unset',
    'definitive',
    [
      `$${e.name} is not set in the process environment`,
      ...provided.map((s) =>
        s.kind === 'dotenv' && appLoads !== undefined
          ? `${where(s)} gives it to the app when it starts: ${appLoads}`
          : `${where(s)} gives it to ${s.tool ?? s.kind}`,
      ),
      ...passed.map((d) => `${where(d)}: compose passes it through from the shell, which lacks it`),
    ],
    { name: e.name },
  );
  return [provided.length > 0 ? { ...raw, severity: 'info' as const } : raw];
});
