/** Headers as callers hold them: pairs, a fetch `Headers`, or a plain object (axios, node:http). */
export type HeadersInput =
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | number | boolean | readonly string[] | null | undefined>>;

/** Header pairs in order; array values become one pair each, empty values are dropped. */
export function headerPairs(input: HeadersInput | undefined): [string, string][] {
  if (input === undefined || input === null) return [];
  const out: [string, string][] = [];
  if (isIterable(input)) {
    for (const pair of input) {
      const [name, value] = pair;
      if (typeof name === 'string' && typeof value === 'string') out.push([name, value]);
    }
    return out;
  }
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value as readonly unknown[]) if (typeof v === 'string') out.push([name, v]);
    } else if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      out.push([name, String(value)]);
    }
  }
  return out;
}

function isIterable(value: object): value is Iterable<readonly [string, string]> {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}
