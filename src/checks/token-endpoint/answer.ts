import type { TokenAnswer } from './evidence.js';

const DESCRIPTION_MAX = 300;

/** Query-string or JSON object → string fields (GitHub's old endpoint answers form-encoded). */
function fieldsOf(body: string, contentType: string): Record<string, unknown> | undefined {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }
  if (
    /x-www-form-urlencoded/i.test(contentType) ||
    /^[\w.-]+=[^\s]*(&[\w.-]+=[^\s]*)*$/.test(text)
  ) {
    const params = new URLSearchParams(text);
    return params.has('error') || params.has('access_token')
      ? Object.fromEntries(params)
      : undefined;
  }
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The auth-schemes of each WWW-Authenticate value (the first word of each challenge). */
function schemesOf(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    // A challenge starts a value or follows a comma, and is a token not followed by "=".
    for (const m of v.matchAll(/(?:^|,)\s*([A-Za-z][\w!#$%&'*+.^`|~-]*)(?=\s|$|,)(?!\s*=)/g)) {
      const scheme = (m[1] ?? '').toLowerCase();
      if (scheme !== '' && !out.includes(scheme)) out.push(scheme);
    }
  }
  return out;
}

/**
 * Reads a token endpoint's answer (RFC 6749 §5.1, §5.2): whether a token came, the `error`,
 * `error_description` (first line), `error_uri`, Azure's AADSTS code, the challenges' schemes.
 */
export function readTokenAnswer(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  wwwAuthenticate: readonly string[] = headers['www-authenticate']
    ? [headers['www-authenticate']]
    : [],
): TokenAnswer {
  const fields = fieldsOf(body, headers['content-type'] ?? '');
  // A hostile server's fields are bounded: an error code is a word, a URI a line.
  const error = str(fields?.['error'])?.toLowerCase().slice(0, 100);
  const rawDescription = str(fields?.['error_description']);
  const description = rawDescription?.split(/\r?\n/)[0]?.slice(0, DESCRIPTION_MAX);
  const codes = fields?.['error_codes'];
  const fromCodes =
    Array.isArray(codes) && typeof codes[0] === 'number' ? `AADSTS${codes[0]}` : undefined;
  const fromText = /\bAADSTS(\d{5,8})\b/.exec(rawDescription ?? body.slice(0, 4096))?.[1];
  const aadsts = fromCodes ?? (fromText === undefined ? undefined : `AADSTS${fromText}`);
  return {
    status,
    issued: status >= 200 && status < 300 && str(fields?.['access_token']) !== undefined,
    ...(error !== undefined ? { error } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(str(fields?.['error_uri']) !== undefined
      ? { uri: str(fields?.['error_uri'])?.slice(0, 300) }
      : {}),
    ...(aadsts !== undefined ? { aadsts } : {}),
    challenges: schemesOf(wwwAuthenticate),
  };
}

/** 8-4-4-4-12 hex digits, optionally in braces: a GUID (Azure's secret id, client id, tenant id). */
export function isGuid(value: string): boolean {
  return /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(value);
}
