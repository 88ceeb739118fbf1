import { PUBLIC_PREFIXES } from '../../evidence/framework.js';
import { defineCheck, finding } from '../types.js';
import type { EnvEvidence } from '../../evidence/env.js';

/**
 * Browser bundles only see prefixed names (en-01, en-03, en-04). A name with another framework's
 * prefix is always wrong; a name without prefix is wrong in a browser-only project, and only
 * context where server code also runs (Next.js, Nuxt, SvelteKit, Astro, an Express server).
 */
export const envFrameworkPrefix = defineCheck<EnvEvidence>('env-framework-prefix', (e) => {
  const fw = e.framework;
  if (!fw || e.name.startsWith(fw.prefix)) return [];
  const other = PUBLIC_PREFIXES.find((p) => e.name.startsWith(p));
  const base = other ? e.name.slice(other.length) : e.name;
  const data = { name: base, prefix: fw.prefix };
  if (other) {
    return [
      finding(
        'env.framework-prefix',
        'definitive',
        `${fw.label} project (package.json): browser code sees only ${fw.prefix}* names; ${e.name} has the ${other} prefix of another tool, so it is undefined there`,
        data,
      ),
    ];
  }
  const raw = finding(
    'env.framework-prefix',
    'heuristic',
    fw.serverCode
      ? `${fw.label} project (package.json): server code reads ${e.name}, but browser code sees only ${fw.prefix}* names`
      : `${fw.label} project (package.json): browser code sees only ${fw.prefix}* names, so ${e.name} is undefined there`,
    data,
  );
  return [fw.serverCode ? { ...raw, severity: 'info' as const } : raw];
});
