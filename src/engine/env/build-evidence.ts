import type { CollectedEnv, Definition } from '../../collect/env/index.js';
import type { EnvDeclaration, EnvEvidence, EnvSource } from '../../evidence/env.js';
import { Secret } from '../../secret/secret.js';
import { withPrefix } from '../../evidence/key-evidence.js';
import { definitionsNamed } from './by-name.js';
import { expandDotenv } from './expand.js';
import { looksLikeCredentialName, mainHost, providerForName } from './names.js';
import { baseUrlSettings, netrcSources, similarNames } from './related.js';
import { decideWins } from './wins.js';

/** Definitions of one name traced at most (see tracedNote), beside the ones that win. */
export const MAX_DEFINITIONS_TRACED = 200;

/** A note when a name has more definitions than are traced, else null. */
export function tracedNote(name: string, c: CollectedEnv): string | null {
  const n = definitionsNamed(c, name).length;
  return n > MAX_DEFINITIONS_TRACED
    ? `${name} is set ${n} times: the first ${MAX_DEFINITIONS_TRACED} and the ones that win are traced`
    : null;
}

/** Everything the env checks look at for one name, from what was collected. */
export function buildEnvEvidence(name: string, c: CollectedEnv, host?: string): EnvEvidence {
  const all = expandDotenv(definitionsNamed(c, name), c);
  const allWins = decideWins(all);
  // A name set thousands of times (a generated file): the first ones and every winner are traced.
  const kept =
    all.length > MAX_DEFINITIONS_TRACED
      ? all.flatMap((_, i) => (i < MAX_DEFINITIONS_TRACED || allWins[i] ? [i] : []))
      : null;
  const defs = kept ? kept.map((i) => all[i] as Definition) : all;
  const wins = kept ? kept.map((i) => allWins[i] === true) : allWins;
  const credentialName = looksLikeCredentialName(name);
  const sources: EnvSource[] = [];
  const declarations: EnvDeclaration[] = [];
  defs.forEach((d, i) => {
    const common = {
      kind: d.kind,
      file: d.file,
      line: d.line,
      group: d.group,
      ...(d.note !== undefined ? { note: d.note } : {}),
      ...(d.instruction !== undefined ? { instruction: d.instruction } : {}),
    };
    if (d.value === null) {
      declarations.push({ ...common, tool: d.tool });
      return;
    }
    const where = d.file === null ? 'env' : `${d.file}:${d.line ?? ''}`;
    sources.push({
      ...common,
      value: withPrefix(new Secret(d.value, `${d.kind}:${where}`, undefined, credentialName)),
      wins: wins[i] === true,
      tool: d.tool,
      ...(d.rank !== undefined ? { rank: d.rank } : {}),
      ...(d.quotedInFile ? { quotedInFile: true } : {}),
      ...(d.finalStage !== undefined ? { finalStage: d.finalStage } : {}),
      ...(d.via !== undefined ? { via: d.via } : {}),
      ...(d.composeRef !== undefined ? { composeRef: d.composeRef } : {}),
    });
  });
  const np = providerForName(name);
  const lookupHost = host ?? (np ? mainHost(np.provider) : null);
  sources.push(...netrcSources(c.netrc, lookupHost));
  const defining = new Set(defs.map((d) => d.file));
  return {
    name,
    loader: c.loader,
    framework: c.framework,
    sources,
    declarations,
    files: c.files.filter((f) => defining.has(f.file)),
    // Only read when neither the environment nor a .env file sets the name (env.similar-name).
    similar: sources.some((s) => s.kind === 'process' || s.kind === 'dotenv')
      ? []
      : similarNames(name, c),
    baseUrls: np ? baseUrlSettings(np, c) : [],
    host: lookupHost,
  };
}
