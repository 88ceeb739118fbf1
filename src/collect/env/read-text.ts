import { readFileSync, statSync } from 'node:fs';

/** Config files are small: anything bigger is not one, and is not read. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type TextRead =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly skipped: string };

/**
 * Reads a small text file. `undefined` when it does not exist (or is no regular file); a reason
 * when it is too big, binary or unreadable. Never throws. Synchronous I/O on purpose: the files are
 * few, small and capped, and a thread-pool round trip per stat and read made `why401 env` slower.
 */
export async function readSmallText(path: string): Promise<TextRead | undefined> {
  try {
    const info = statSync(path);
    if (!info.isFile()) return undefined;
    if (info.size > MAX_FILE_BYTES) return { ok: false, skipped: 'larger than 1 MiB' };
    const bytes = readFileSync(path);
    const [a, b] = bytes;
    if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff))
      return {
        ok: false,
        skipped:
          "UTF-16 text (Windows PowerShell's `>` writes it): env loaders read no usable variables from it; save it as UTF-8",
      };
    if (bytes.subarray(0, 8192).includes(0)) return { ok: false, skipped: 'a binary file' };
    return { ok: true, text: bytes.toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { ok: false, skipped: `unreadable (${code ?? 'error'})` };
  }
}
