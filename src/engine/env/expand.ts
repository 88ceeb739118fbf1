import type { CollectedEnv, Definition } from '../../collect/env/index.js';
import { interpolate } from '../../collect/env/interpolate.js';

/**
 * Next.js and Vite expand `${VAR}` in .env values (dotenv-expand: the environment first, then the
 * files; `\$` escapes). Plain dotenv does not: there `${VAR}` stays as text (key.unexpanded).
 */
export function expandDotenv(defs: readonly Definition[], c: CollectedEnv): Definition[] {
  if (!c.loader.expands) return [...defs];
  const lookup = (name: string): string | undefined => {
    const own = c.definitions.filter((d) => d.name === name && d.group === 'app' && d.canWin);
    const best = own.reduce<Definition | undefined>(
      (b, d) => (b === undefined || d.priority >= b.priority ? d : b),
      undefined,
    );
    return best?.value ?? undefined;
  };
  return defs.map((d) => {
    if (d.kind !== 'dotenv' || d.rank === undefined || d.value === null || !d.value.includes('$'))
      return d;
    const result = interpolate(d.value, lookup, '\\$');
    return result.value === d.value
      ? d
      : { ...d, value: result.value, note: `\${…} expanded by ${c.loader.label}` };
  });
}
