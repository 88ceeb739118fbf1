import { charName, codePointLabel } from './chars.js';

/**
 * What a terminal must never receive from outside: a server's body, reason phrase or header, a
 * file's contents, an argument quoted in an error. Control characters move the cursor, rewrite
 * lines (a fake `✔ Accepted`), set the title or the clipboard (OSC 52); bidi controls reorder
 * text; zero-width and other invisible characters hide it. Kept: LF and TAB (they cannot
 * overwrite anything) and every visible character.
 *
 * - C0 controls but TAB and LF, DEL, C1 controls (U+0080–U+009F: U+009B is a CSI on its own)
 * - soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul and Mongolian fillers,
 *   Khmer inherent vowels (blank letters)
 * - U+200B–U+200F (zero-width, LRM/RLM), U+2028–U+202E (separators, bidi embeddings and
 *   overrides), U+2060–U+206F (word joiner, invisible operators, bidi isolates), BOM, interlinear
 *   annotations, musical format characters, tag characters, supplementary variation selectors
 */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

/** The standard abbreviations of the C0 and C1 controls (ECMA-48), DEL included. */
const C0 =
  'NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US'.split(
    ' ',
  );
const C1 =
  'PAD HOP BPH NBH IND NEL SSA ESA HTS HTJ VTS PLD PLU RI SS2 SS3 DCS PU1 PU2 STS CCH MW SPA EPA SOS SGCI SCI CSI ST OSC PM APC'.split(
    ' ',
  );

/** `ESC`, `CSI`, `RLO`, `ZERO WIDTH SPACE`, else `U+XXXX`. */
export function unsafeName(cp: number): string {
  if (cp < 0x20) return C0[cp] ?? codePointLabel(cp);
  if (cp === 0x7f) return 'DEL';
  if (cp >= 0x80 && cp <= 0x9f) return C1[cp - 0x80] ?? codePointLabel(cp);
  return charName(cp);
}

/** Whether the text holds anything `printable` would change. */
export function hasUnsafe(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * The text with every unsafe character shown by name, in place: `⟨ESC⟩[2K`, `⟨RLO⟩`,
 * `⟨ZERO WIDTH SPACE⟩`. A CR that ends a line (CRLF) is dropped: it overwrites nothing, and
 * Windows line ends in a body are not news. Nothing invisible or active survives.
 */
export function printable(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text
    .replace(/\r\n/g, '\n')
    .replace(UNSAFE_ALL, (c) => `⟨${unsafeName(c.codePointAt(0) ?? 0)}⟩`);
}

/**
 * One field of a one-line report (evidence, a summary, a URL, a path): printable, and a line
 * break named too, so no outside text starts a line of its own (a fake `✔ Accepted` needs no
 * escape sequence when a body's LF is printed as it came).
 */
export function oneLine(text: string): string {
  const p = printable(text);
  return p.includes('\n') ? p.replace(/\n/g, '⟨LF⟩') : p;
}

/**
 * JSON text with every unsafe character as a `\uXXXX` escape: the same data once parsed, safe to
 * print. Valid only for JSON text, where such characters can only stand inside strings
 * (JSON.stringify already escapes C0 controls; DEL, C1, bidi and invisible ones it leaves raw).
 */
export function printableJsonText(json: string): string {
  if (!UNSAFE.test(json)) return json;
  return json.replace(UNSAFE_ALL, (c) => {
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

/** Every string in a JSON-like value made printable (the live view shows them to a person). */
export function printableDeep(value: unknown): unknown {
  if (typeof value === 'string') return printable(value);
  if (Array.isArray(value)) return value.map(printableDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[printable(k)] = printableDeep(v);
    return out;
  }
  return value;
}

/**
 * Text on its way to a terminal, whole: each line that is a JSON document (`--json`, one call
 * per line) keeps its data with `\uXXXX` escapes; everything else gets names. Either way no
 * unsafe character is left: which form is chosen only decides how it reads.
 */
export function printableOutput(text: string): string {
  if (!UNSAFE.test(text)) return text;
  if (isJsonDocument(text)) return printableJsonText(text);
  return text
    .split('\n')
    .map((line) => (isJsonDocument(line) ? printableJsonText(line) : printable(line)))
    .join('\n');
}

function isJsonDocument(text: string): boolean {
  const t = text.trim();
  if (!((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))))
    return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/*
 * Our own colours. A styled piece is wrapped in markers no outside text can hold (private-use
 * characters chosen at random once per process), so the output is made printable first, ESC and
 * all, and only then are the markers turned into SGR sequences: a server that sends `ESC[32m`
 * gets `⟨ESC⟩[32m` printed, only why401's own colours reach the terminal.
 */
let marker: string | undefined;

function markerText(): string {
  if (marker === undefined) {
    let m = '';
    // 4 characters of the supplementary private use area A: 2^63 markers, none guessable
    for (let i = 0; i < 4; i++)
      m += String.fromCodePoint(0xf0000 + Math.floor(Math.random() * 0xfffe));
    marker = m;
  }
  return marker;
}

/** `s` wrapped in the markers for `ESC[<open>m … ESC[<close>m`. */
export function sgrMarked(open: number, close: number, s: string): string {
  const m = markerText();
  return `${m}${open}m${s}${m}${close}m`;
}

/**
 * The final form of text for a terminal (or a log a terminal will show): printable, then
 * why401's own colour markers as SGR. Scrub before this, never after: a name put in place of an
 * invisible character must not split a credential the scrubber would have found.
 */
export function toTerminal(text: string): string {
  const safe = printableOutput(text);
  if (marker === undefined || !safe.includes(marker)) return safe;
  return safe.split(marker).reduce((out, part, i) => {
    if (i === 0) return part;
    const code = /^\d{1,3}m/.exec(part)?.[0];
    return code ? `${out}\u001b[${code}${part.slice(code.length)}` : `${out}${part}`;
  }, '');
}
