/**
 * The forms a credential can be read back from in some output, for leak assertions: the text as
 * it is, without invisible characters and escape sequences, with its escapes decoded, and every
 * hex or base64 run in it decoded (at each offset). A leak is 9 consecutive characters of the
 * key in any of them, in any case.
 */

const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u00a0\u00ad\u034f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]|\udb40[\udc00-\udc7f]/g;
const ANSI = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-_])/g;
const MARKS = /⟨CTRL U\+001B⟩(?:\[[0-9;?]*[ -/]*[@-~])?|⟨[A-Z0-9 +-]{1,40}⟩/g;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  zwnj: '\u200c',
  zwj: '\u200d',
};

/** Fullwidth ASCII (`ＡＢＣ`) as ASCII. */
const halfwidth = (text: string): string =>
  text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function strip(text: string): string {
  return halfwidth(text.replace(MARKS, '').replace(ANSI, '').replace(INVISIBLE, '')).replace(
    /[\u0300-\u036f]/g,
    '',
  );
}

function unescape(text: string): string {
  let out = text;
  for (let round = 0; round < 3; round++) {
    out = out
      .replace(/\\+u\{([0-9a-fA-F]{1,6})\}/g, (_, h: string) =>
        String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)),
      )
      .replace(/\\+u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      .replace(/\\+x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      .replace(/&amp;(?=#|amp;)/g, '&')
      .replace(/%25(?=[0-9a-fA-F]{2})/g, '%')
      .replace(/&#(\d{1,7});?/g, (_, d: string) => String.fromCodePoint(Math.min(+d, 0x10ffff)))
      .replace(/&#x([0-9a-fA-F]{1,6});?/gi, (_, h: string) =>
        String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)),
      )
      .replace(/&([a-z]+);/g, (m, n: string) => NAMED[n] ?? m)
      .replace(/(?:%[0-9a-fA-F]{2})+/g, (m) => {
        try {
          return decodeURIComponent(m);
        } catch {
          return Buffer.from(m.replace(/%/g, ''), 'hex').toString('latin1');
        }
      })
      .replace(/\\(["/\\])/g, '$1');
  }
  return strip(out);
}

function hexDecoded(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(/[0-9a-fA-F]{18,}/g))
    for (const offset of [0, 1]) {
      const even = run.slice(offset, offset + ((run.length - offset) & ~1));
      const bytes = Buffer.from(even, 'hex');
      out.push(bytes.toString('latin1'), bytes.toString('utf16le'));
    }
  return out;
}

function base64Decoded(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{12,}/g))
    for (const offset of [0, 1, 2, 3]) {
      const bytes = Buffer.from(run.slice(offset).replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      out.push(bytes.toString('latin1'), bytes.toString('utf16le'));
    }
  return out;
}

/** UTF-8 read as Latin-1 (`â\u0080\u008b` for a zero-width space), read again as UTF-8. */
function mojibake(text: string): string {
  return /^[\u0000-\u00ff]*$/.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text;
}

export function decodedForms(text: string): string[] {
  const plain = unescape(strip(text));
  const forms = [
    text,
    strip(text),
    plain,
    unescape(mojibake(text)),
    ...hexDecoded(plain),
    ...base64Decoded(plain),
  ];
  return [...forms, ...forms.map(strip)];
}

/** Every 9-character run of `key` (case ignored) found in any decoded form of `text`. */
export function leakedRuns(key: string, text: string): string[] {
  const forms = decodedForms(text).map((f) => f.toLowerCase());
  const lower = key.toLowerCase();
  const found = new Set<string>();
  for (let i = 0; i + 9 <= lower.length; i++) {
    const run = lower.slice(i, i + 9);
    if (forms.some((f) => f.includes(run))) found.add(run);
  }
  return [...found];
}
