/**
 * RFC 7235 challenges: `Bearer realm="api", error="invalid_token", Basic realm="x"`.
 * Several challenges per header, quoted-string params with escapes, token68. Never throws.
 */
export interface Challenge {
  /** Lower-cased scheme: `bearer`, `basic`, `digest`, `apikey`… */
  readonly scheme: string;
  /** The scheme as sent. */
  readonly rawScheme: string;
  /** Lower-cased parameter names. */
  readonly params: Readonly<Record<string, string>>;
  readonly token68?: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

export function parseChallenges(values: readonly string[] | string | undefined): Challenge[] {
  if (values === undefined) return [];
  const list = typeof values === 'string' ? [values] : values;
  return list.flatMap((v) => parseOne(v.slice(0, 8192)));
}

function parseOne(input: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const skip = () => {
    while (i < input.length && /[\s,]/.test(input[i] ?? '')) i++;
  };
  while (i < input.length) {
    skip();
    const scheme = TOKEN.exec(input.slice(i));
    if (!scheme) break;
    i += scheme[0].length;
    // Names come from the server: no prototype, so `__proto__=x` is a param like any other.
    const params = Object.create(null) as Record<string, string>;
    let token68: string | undefined;
    // token68 right after the scheme (`abc=,` too: a param needs a value after its `=`)
    const t68 = /^ +([A-Za-z0-9._~+/-]+=*)\s*(,|$)/.exec(input.slice(i));
    if (
      t68 &&
      !/=[^=]/.test(t68[1] ?? '') &&
      !/^\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*=\s*[!#$%&'*+.^_`|~0-9A-Za-z"-]/.test(input.slice(i))
    ) {
      token68 = t68[1];
      i += t68[0].length;
    } else {
      for (;;) {
        const m = /^[\s,]*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*/.exec(input.slice(i));
        if (!m) break;
        // a name followed by "=" is a param; stop if it is the next challenge's scheme
        i += m[0].length;
        const name = (m[1] ?? '').toLowerCase();
        if (input[i] === '"') {
          let value = '';
          i++;
          while (i < input.length && input[i] !== '"') {
            if (input[i] === '\\' && i + 1 < input.length) i++;
            value += input[i];
            i++;
          }
          i++;
          params[name] = value;
        } else {
          const v = TOKEN.exec(input.slice(i));
          params[name] = v ? v[0] : '';
          i += v ? v[0].length : 0;
        }
        const rest = input.slice(i);
        // after a comma, a bare token followed by space or end starts a new challenge
        if (
          /^\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s+[^=\s,]|\s*$|\s*,)/.test(rest) &&
          !/^\s*,\s*[^=,\s]+\s*=/.test(rest)
        )
          break;
      }
    }
    out.push({
      scheme: scheme[0].toLowerCase(),
      rawScheme: scheme[0],
      params,
      ...(token68 !== undefined ? { token68 } : {}),
    });
    if (out.length >= 32) break;
  }
  return out;
}

/** RFC 6750: a Bearer challenge's error code, if any. */
export function bearerError(challenges: readonly Challenge[]): string | undefined {
  return challenges.find((c) => c.scheme === 'bearer' && c.params['error'])?.params['error'];
}
