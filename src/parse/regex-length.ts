/**
 * The shortest string a simple regular expression can match: literals, escapes, classes,
 * groups with alternation and the quantifiers ? * + {n} {n,} {n,m}. Used to tell a key that was
 * cut short from one of another shape. Returns undefined for anything it does not understand.
 */
export function minMatchLength(source: string): number | undefined {
  return matchLengthRange(source)?.min;
}

type Range = readonly [min: number, max: number];

/** The shortest and longest (Infinity when unbounded) match of a simple regular expression. */
export function matchLengthRange(source: string): { min: number; max: number } | undefined {
  let i = 0;
  const parseAlternation = (): Range | undefined => {
    let best: [number, number] | undefined;
    for (;;) {
      const seq = parseSequence();
      if (seq === undefined) return undefined;
      best =
        best === undefined
          ? [seq[0], seq[1]]
          : [Math.min(best[0], seq[0]), Math.max(best[1], seq[1])];
      if (source[i] !== '|') return best;
      i++;
    }
  };
  const parseSequence = (): Range | undefined => {
    let min = 0;
    let max = 0;
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const atom = parseAtom();
      if (atom === undefined) return undefined;
      const times = parseQuantifier();
      if (times === undefined) return undefined;
      min += atom[0] * times[0];
      max += atom[1] === 0 || times[1] === 0 ? 0 : atom[1] * times[1];
    }
    return [min, max];
  };
  const parseAtom = (): Range | undefined => {
    const c = source[i];
    if (c === '^' || c === '$') {
      i++;
      return [0, 0];
    }
    if (c === '(') {
      i++;
      if (source.startsWith('?:', i)) i += 2;
      else if (source[i] === '?') return undefined; // lookarounds: not for us
      const inner = parseAlternation();
      if (source[i] !== ')') return undefined;
      i++;
      return inner;
    }
    if (c === '[') {
      const end = classEnd(source, i);
      // `[]` matches nothing (JavaScript, unlike POSIX, ends a class at a `]` right after `[`)
      if (end < 0 || end === i + 1) return undefined;
      i = end + 1;
      return [1, 1];
    }
    if (c === '\\') {
      const next = source[i + 1];
      // \xHH, \uHHHH, \cX, \p{…}, \k<…> and back-references span more than one source char
      if (next === undefined || /[xucpPk1-9]/.test(next)) return undefined;
      i += 2;
      return next === 'b' || next === 'B' ? [0, 0] : [1, 1];
    }
    i++;
    return [1, 1];
  };
  const parseQuantifier = (): Range | undefined => {
    const c = source[i];
    let range: Range = [1, 1];
    if (c === '?') range = [0, 1];
    else if (c === '*') range = [0, Infinity];
    else if (c === '+') range = [1, Infinity];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return [1, 1];
      const lo = Number(m[1]);
      range = [lo, m[2] === undefined ? lo : m[3] ? Number(m[3]) : Infinity];
      i += m[0].length - 1;
    } else {
      return range;
    }
    i++;
    if (source[i] === '?') i++; // lazy
    return range;
  };
  const result = parseAlternation();
  return i === source.length && result ? { min: result[0], max: result[1] } : undefined;
}

function classEnd(source: string, start: number): number {
  for (let j = start + 1; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === ']') return j;
  }
  return -1;
}
