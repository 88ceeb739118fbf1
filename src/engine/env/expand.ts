import type { CollectedEnv, Definition } from '../../collect/env/index.js';
import { interpolate, type Interpolated } from '../../collect/env/interpolate.js';
import { definitionsNamed } from './by-name.js';

/**
 * Next.js and Vite expand `${VAR}` in .env values (dotenv-expand: the environment first, then the
 * files; `\$` escapes). Plain dotenv does not: there `${VAR}` stays as text (key.unexpanded).
 */
export function expandDotenv(defs: readonly Definition[], c: CollectedEnv): Definition[] {
  if (!c.loader.expands) return [...defs];
  return defs.map((d) => {
    const result = expansionOf(d, c);
    return result === undefined || result.value === d.value
      ? d
      : { ...d, value: result.value, note: `\${…} expanded by ${c.loader.label}` };
  });
}

/**
 * Notes for values the loader's expansion changes silently: a `$` that starts a reference to a
 * variable set nowhere becomes an empty string (a key or password holding `$`). Never names the
 * reference: in a key, what follows `$` is part of the secret.
 */
export function expansionNotes(defs: readonly Definition[], c: CollectedEnv): string[] {
  if (!c.loader.expands) return [];
  return defs.flatMap((d) => {
    const n = expansionOf(d, c)?.missing.length ?? 0;
    if (n === 0) return [];
    const refs = n === 1 ? 'a $ starts a reference' : `${n} $ start references`;
    return [
      `${d.file ?? '.env'}:${d.line ?? ''}: in the value of ${d.name}, ${refs} to a variable set nowhere: ${c.loader.label} expands it to an empty string (write \\$ for a literal $)`,
    ];
  });
}

function expansionOf(d: Definition, c: CollectedEnv): Interpolated | undefined {
  if (d.kind !== 'dotenv' || d.rank === undefined || d.value === null || !d.value.includes('$'))
    return undefined;
  const lookup = (name: string): string | undefined => {
    const own = definitionsNamed(c, name).filter((x) => x.group === 'app' && x.canWin);
    const best = own.reduce<Definition | undefined>(
      (b, x) => (b === undefined || x.priority >= b.priority ? x : b),
      undefined,
    );
    return best?.value ?? undefined;
  };
  return interpolate(d.value, lookup, '\\$');
}
