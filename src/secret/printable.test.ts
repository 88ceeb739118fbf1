import { describe, expect, it } from 'vitest';
import {
  hasUnsafe,
  oneLine,
  printable,
  printableDeep,
  printableJsonText,
  printableOutput,
  sgrMarked,
  toTerminal,
} from './printable.js';

/** Anything a terminal would act on or not show: C0 but TAB/LF, DEL, C1, bidi, invisibles. */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]|[\u{e0000}-\u{e007f}]/u;

const HOSTILE =
  'ok\u001b[2K\u001b[1A\u001b[32m✔ Accepted\u001b[0m' + // erase the line, up one, a fake verdict
  '\u001b]52;c;ZWNobyBwd25lZA==\u0007' + // OSC 52: write the clipboard
  '\u001b]0;pwned\u0007' + // OSC 0: the window title
  '\u009b31m' + // C1 CSI
  '\u202egnp.exe' + // RLO: shows as exe.png
  '\u200b\u00ad\u2066\u061c\u{e0041}' + // zero width, soft hyphen, LRI, ALM, a tag character
  '\u0007\u0008\rFAKE\u007f\u0000';

describe('printable', () => {
  it('names every control, bidi and invisible character in place', () => {
    expect(printable(HOSTILE)).toBe(
      'ok⟨ESC⟩[2K⟨ESC⟩[1A⟨ESC⟩[32m✔ Accepted⟨ESC⟩[0m⟨ESC⟩]52;c;ZWNobyBwd25lZA==⟨BEL⟩' +
        '⟨ESC⟩]0;pwned⟨BEL⟩⟨CSI⟩31m⟨RLO⟩gnp.exe' +
        '⟨ZERO WIDTH SPACE⟩⟨SOFT HYPHEN⟩⟨LRI⟩⟨ALM⟩⟨U+E0041⟩⟨BEL⟩⟨BS⟩⟨CR⟩FAKE⟨DEL⟩⟨NUL⟩',
    );
    expect(printable(HOSTILE)).not.toMatch(UNSAFE);
  });

  it.each([
    ['a tab and line feeds', 'a\tb\nc\n'],
    ['Unicode text, emoji with a variation selector, arrows', 'Zugriff verweigert ✔ → ❤️ 日本語'],
    ['spaces a reader sees as spaces', 'a\u00a0b\u2009c\u3000d'],
    ['our own names', '⟨LF⟩ ⟨ZERO WIDTH SPACE⟩'],
  ])('leaves %s alone', (_, text) => {
    expect(printable(text)).toBe(text);
    expect(hasUnsafe(text)).toBe(false);
  });

  it('keeps a CRLF line end as LF, names a lone CR (it would overwrite the line)', () => {
    expect(printable('a\r\nb\rc')).toBe('a\nb⟨CR⟩c');
  });

  it('covers every code point: nothing unsafe survives', () => {
    let all = '';
    for (let cp = 0; cp < 0x3000; cp++)
      if (cp < 0xd800 || cp > 0xdfff) all += String.fromCodePoint(cp);
    for (let cp = 0xe0000; cp <= 0xe01ef; cp++) all += String.fromCodePoint(cp);
    all += '\ufeff\ufff9\ufffa\ufffb\u{1d173}';
    const out = printable(all);
    expect(out).not.toMatch(UNSAFE);
    expect(out).not.toMatch(/[\u{e0100}-\u{e01ef}\u{1d173}\ufff9-\ufffb\u034f\u115f\u180e]/u);
  });
});

describe('oneLine', () => {
  it('a field of a one-line report: LF named too, so nothing starts a line of its own', () => {
    expect(oneLine('denied\n✔ Accepted\r\n\u001b[1A')).toBe('denied⟨LF⟩✔ Accepted⟨LF⟩⟨ESC⟩[1A');
    expect(oneLine('a\tb')).toBe('a\tb');
  });
});

describe('printableJsonText', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same data', () => {
    const data = { message: HOSTILE, [`k\u202e`]: ['\u0085\u200b\u{e0041}'] };
    const json = JSON.stringify(data, null, 2);
    expect(json).toMatch(UNSAFE); // DEL, C1, bidi, invisibles are raw in JSON.stringify's output
    const safe = printableJsonText(json);
    expect(safe).not.toMatch(UNSAFE);
    expect(safe).toContain('\\u202e');
    expect(JSON.parse(safe)).toEqual(data);
  });
});

describe('printableOutput', () => {
  it('a JSON document (whole, or one per line) keeps its data; other lines get names', () => {
    const doc = `${JSON.stringify({ a: '\u202e\u009b' }, null, 2)}\n`;
    expect(JSON.parse(printableOutput(doc))).toEqual({ a: '\u202e\u009b' });
    const lines = `${JSON.stringify({ a: '\u202e' })}\nwhy401: 401 \u202e\n`;
    expect(printableOutput(lines)).toBe('{"a":"\\u202e"}\nwhy401: 401 ⟨RLO⟩\n');
  });

  it('text that only looks like JSON is named', () => {
    expect(printableOutput('{ "a": \u202e }')).toBe('{ "a": ⟨RLO⟩ }');
  });
});

describe('printableDeep', () => {
  it('every string and key of a value', () => {
    expect(printableDeep({ a: ['\u001b[2J', 3, null], '\u202e': { b: '\u200b' } })).toEqual({
      a: ['⟨ESC⟩[2J', 3, null],
      '⟨RLO⟩': { b: '⟨ZERO WIDTH SPACE⟩' },
    });
  });
});

describe('toTerminal', () => {
  it("our colours become SGR; a server's escapes, the same SGR included, are named", () => {
    const text = `${sgrMarked(31, 39, '✖ Refused')} seen: \u001b[32m✔ Accepted\u001b[39m\u001b[2K`;
    const out = toTerminal(text);
    expect(out).toBe('\u001b[31m✖ Refused\u001b[39m seen: ⟨ESC⟩[32m✔ Accepted⟨ESC⟩[39m⟨ESC⟩[2K');
    // the only escapes left are well-formed SGR
    expect(out.replace(/\u001b\[[\d;]*m/g, '')).not.toMatch(UNSAFE);
  });

  it('the markers are private-use characters chosen per process, not something a server can send', () => {
    const marked = sgrMarked(1, 22, 'x');
    expect(marked).not.toContain('\u001b');
    expect(marked).toMatch(/^[\u{f0000}-\u{ffffd}]{4}1mx[\u{f0000}-\u{ffffd}]{4}22m$/u);
    // a guessed marker (another private-use run) is printed as it is
    expect(toTerminal('\u{f0000}\u{f0000}\u{f0000}\u{f0000}31mX')).toBe(
      '\u{f0000}\u{f0000}\u{f0000}\u{f0000}31mX',
    );
  });

  it('plain text without markers is only made printable', () => {
    expect(toTerminal('a\u001bb')).toBe('a⟨ESC⟩b');
  });
});
