import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Secret } from './secret.js';
import { renderVisible } from './visible.js';

const fake = (length: number, prefix = '') =>
  prefix +
  randomBytes(length)
    .toString('base64url')
    .slice(0, length - prefix.length);
const render = (value: string, prefix = '') => renderVisible(new Secret(value, 'test'), prefix);
const marks = (value: string) => render(value).marks.map((m) => `${m.name}@${m.index}`);

function runsOf(secret: string, text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 9 <= secret.length; i++) {
    const run = secret.slice(i, i + 9);
    if (text.includes(run)) found.push(run);
  }
  return found;
}

describe('renderVisible', () => {
  const key = fake(48);

  it.each([
    ['a trailing LF', `${key}\n`, ['LF@48']],
    ['a trailing CRLF', `${key}\r\n`, ['CR@48', 'LF@49']],
    ['a trailing CR', `${key}\r`, ['CR@48']],
    ['a TAB', `${key}\t`, ['TAB@48']],
    ['a trailing SPACE', `${key} `, ['SPACE@48']],
    ['a leading SPACE', ` ${key}`, ['SPACE@0']],
    [
      'a ZERO WIDTH SPACE inside',
      `${key.slice(0, 12)}\u200b${key.slice(12)}`,
      ['ZERO WIDTH SPACE@12'],
    ],
    ['a BOM', `\ufeff${key}`, ['BOM@0']],
    ['an NBSP', `${key}\u00a0`, ['NBSP@48']],
    ['edge double quotes', `"${key}"`, ['QUOTE@0', 'QUOTE@49']],
    ['edge single quotes', `'${key}'`, ['APOSTROPHE@0', 'APOSTROPHE@49']],
    ['an edge backtick', `\`${key}`, ['BACKTICK@0']],
    ['edge quotes inside whitespace', ` "${key}"\t`, ['SPACE@0', 'QUOTE@1', 'QUOTE@50', 'TAB@51']],
    ['typographic quotes', `\u201c${key}\u201d`, ['LEFT DOUBLE QUOTE@0', 'RIGHT DOUBLE QUOTE@49']],
    ['a Cyrillic look-alike letter', `${key.slice(0, 5)}\u0430${key.slice(6)}`, ['U+0430@5']],
    ['an en dash', `sk\u2013${key.slice(3)}`, ['EN DASH@2']],
    ['an ellipsis', `${key.slice(0, 8)}\u2026${key.slice(-4)}`, ['ELLIPSIS@8']],
    ['a NUL', `${key}\u0000`, ['CTRL U+0000@48']],
    ['nothing', key, []],
    ['an inner quote (not at an edge)', `${key.slice(0, 10)}"${key.slice(10)}`, []],
  ])('names %s with its index', (_name, value, expected) => {
    expect(marks(value)).toEqual(expected);
    const text = render(value).text;
    for (const m of expected) expect(text).toContain(`⟨${m.split('@')[0]}⟩`);
  });

  it('counts the index in UTF-16 units after an astral character', () => {
    expect(marks(`\u{1f511}${key}\n`)).toEqual(['U+1F511@0', `LF@${key.length + 2}`]);
  });

  it('shows the prefix, an ellipsis, the last 4 characters and the marks in place', () => {
    const k = fake(56, 'sk-proj-');
    expect(render(`${k}\n`, 'sk-proj-').text).toBe(`sk-proj-…${k.slice(-4)}⟨LF⟩`);
    expect(render(` ${k}`, 'sk-proj-').text).toBe(`⟨SPACE⟩…${k.slice(-4)}`);
    expect(render(k).text).toBe(`…${k.slice(-4)}`);
  });

  it('reports the length of the raw value', () => {
    expect(render(`${key}\r\n`).length).toBe(50);
  });

  it('renders an empty value as (empty)', () => {
    expect(render('').text).toBe('(empty)');
    expect(render('').marks).toEqual([]);
  });

  it('shows nothing of a short key but its marks', () => {
    expect(render('abcdef\n').text).toBe('…⟨LF⟩');
  });

  it('never shows 9 consecutive characters of the key', () => {
    const hidden = ['\n', '\r', '\t', ' ', '\u200b', '\ufeff', '\u00a0', '"', '\u0430', '\u2026'];
    for (let n = 0; n < 300; n++) {
      const k = fake(8 + (n % 90), n % 3 === 0 ? 'sk-proj-' : '');
      const pos = n % k.length;
      const ch = hidden[n % hidden.length] ?? '';
      const value = k.slice(0, pos) + ch + k.slice(pos);
      for (const prefix of ['', 'sk-proj-']) {
        const text = render(value, prefix).text;
        expect(runsOf(value, text), JSON.stringify({ value: value.length, pos })).toEqual([]);
        expect(runsOf(k, text)).toEqual([]);
      }
    }
  });
});
