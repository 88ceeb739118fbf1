import { join } from 'node:path';
import { scanDotenv } from './dotenv-scan.js';
import { candidateFiles, type DotenvLoader } from '../../evidence/dotenv-loader.js';
import { readSmallText } from './read-text.js';
import type { Definition, FileFacts } from '../../evidence/env-definitions.js';

export interface Collected {
  readonly definitions: Definition[];
  readonly files: FileFacts[];
  readonly warnings: string[];
}

export const APP_GROUP = 'app';

/** The folder's .env files, in the loader's order; files it does not load are read too, as such. */
export async function collectDotenvFiles(dir: string, loader: DotenvLoader): Promise<Collected> {
  const out: Collected = { definitions: [], files: [], warnings: [] };
  // Lowest priority first, so that "last on ties" also follows the order.
  const names = candidateFiles(loader.mode).reverse();
  for (const name of names) {
    const read = await readSmallText(join(dir, name));
    if (!read) continue;
    if (!read.ok) {
      out.warnings.push(`${name}: skipped, ${read.skipped}`);
      continue;
    }
    const scan = scanDotenv(read.text);
    const rank = loader.files.indexOf(name);
    out.files.push({ file: name, kind: 'dotenv', crlf: scan.crlf });
    for (const line of scan.unparsed)
      out.warnings.push(`${name}:${line}: not a NAME=value line; dotenv skips it`);
    const first = scan.entries[0];
    if (scan.bom && first !== undefined)
      out.warnings.push(
        `${name}: starts with a byte-order mark (U+FEFF): dotenv skips it, but \`node --env-file\` (Node 20), \`source ${name}\` and other parsers read the first name as U+FEFF + ${first.name}, so ${first.name} is never set; save the file as UTF-8 without BOM`,
      );
    for (const e of scan.entries) {
      if (e.hashCut)
        out.warnings.push(
          `${name}:${e.line}: dotenv ends the unquoted value of ${e.name} at its #; quote the value if the # belongs to it (compose and python-dotenv keep it)`,
        );
      out.definitions.push({
        kind: 'dotenv',
        name: e.name,
        value: e.value,
        file: name,
        line: e.line,
        tool: rank === -1 ? `not loaded by ${loader.label}` : loader.label,
        group: APP_GROUP,
        priority: rank === -1 ? 0 : 100 - rank,
        canWin: rank !== -1,
        ...(rank === -1 ? {} : { rank }),
        ...(e.quoted ? { quotedInFile: true } : {}),
      });
    }
  }
  return out;
}
