/**
 * The shortest string a simple regular expression can match: literals, escapes, classes,
 * groups with alternation and the quantifiers ? * + {n} {n,} {n,m}. Used to tell a key that was
 * cut short from one of another shape. Returns undefined for anything it does not understand.
 */
export function minMatchLength(source: string): number | undefined {
  let i = 0;
  const parseAlternation = (): number | undefined => {
    let best: number | undefined;
    for (;;) {
      const seq = parseSequence();
      if (seq === undefined) return undefined;
      best = best === undefined ? seq : Math.min(best, seq);
      if (source[i] !== '|') return best;
      i++;
    }
  };
  const parseSequence = (): number | undefined => {
    let total = 0;
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const atom = parseAtom();
      if (atom === undefined) return undefined;
      const times = parseQuantifier();
      if (times === undefined) return undefined;
      total += atom * times;
    }
    return total;
  };
  const parseAtom = (): number | undefined => {
    const c = source[i];
    if (c === '^' || c === '$') {
      i++;
      return 0;
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
      if (end < 0) return undefined;
      i = end + 1;
      return 1;
    }
    if (c === '\\') {
      const next = source[i + 1];
      // \xHH, \uHHHH, \cX, \p{…}, \k<…> and back-references span more than one source char
      if (next === undefined || /[xucpPk1-9]/.test(next)) return undefined;
      i += 2;
      return next === 'b' || next === 'B' ? 0 : 1;
    }
    i++;
    return 1;
  };
  const parseQuantifier = (): number | undefined => {
    const c = source[i];
    let min = 1;
    if (c === '?' || c === '*') {
      min = 0;
      i++;
    } else if (c === '+') {
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(source.slice(i));
      if (!m) return 1;
      min = Number(m[1]);
      i += m[0].length;
    } else {
      return 1;
    }
    if (source[i] === '?') i++; // lazy
    return min;
  };
  const result = parseAlternation();
  return i === source.length ? result : undefined;
}

function classEnd(source: string, start: number): number {
  for (let j = start + 1; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === ']' && j > start + 1) return j;
  }
  return -1;
}
