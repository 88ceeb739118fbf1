/**
 * A pasted curl command line, as a shell would split it, then read for the options that shape
 * the request: -H, -u, -X, -d/--data*, --url, -k, -L, --location-trusted, -A, -x/--proxy,
 * -U/--proxy-user, --noproxy.
 * Never throws on odd input: unknown options are listed, not fatal.
 */
export interface CurlRequest {
  url: string | undefined;
  method: string | undefined;
  headers: [string, string][];
  data: string | undefined;
  /** A file the body is read from (`-d @file`, `--data-binary @file`), read by the caller. */
  dataFile: { readonly path: string; readonly binary: boolean } | undefined;
  /** -d data was given (not --json): curl sends it as a form unless a Content-Type says else. */
  form: boolean;
  user: string | undefined;
  insecure: boolean;
  follow: boolean;
  locationTrusted: boolean;
  userAgent: string | undefined;
  proxy: string | undefined;
  /** -U/--proxy-user `user:password`: the proxy's own credentials. */
  proxyUser: string | undefined;
  /** --noproxy: hosts (comma-separated, `*` for all) reached without a proxy; overrides NO_PROXY. */
  noProxy: string | undefined;
  ignored: string[];
}

/** Where a POSIX shell splits words (IFS), and the CR of a line pasted with CRLF endings. */
const SEPARATORS = new Set([' ', '\t', '\n', '\r']);

/** Length of a line continuation (`\` + LF or CRLF) at `i`, else 0. */
function continuation(text: string, i: number): number {
  if (text[i] !== '\\') return 0;
  if (text[i + 1] === '\n') return 2;
  return text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 0;
}

/**
 * Splits like a POSIX shell: quotes, backslash escapes, line continuations (removed outside
 * quotes and inside double quotes, literal inside single quotes). Only space, tab and line
 * breaks separate words: an NBSP or other Unicode space stays in its word, as the shell keeps it
 * there. `$VAR` stays as is.
 */
export function shellSplit(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const joined = continuation(text, i);
    if (joined > 0) {
      i += joined;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      cur += text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end + 1;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        const inner = continuation(text, i);
        if (inner > 0) {
          i += inner;
          continue;
        }
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] ?? '')) i++;
        cur += text[i];
        i++;
      }
      i++;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[i + 1];
      i += 2;
      inWord = true;
    } else if (SEPARATORS.has(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/**
 * A word that was not used, as it may be printed: a value there may be a key (an unquoted
 * `-H Authorization: Bearer KEY` leaves KEY as a stray word), so at most 4 of its characters.
 * Option names (`--data-raw`, `-sSL`) are shown whole.
 */
function shown(word: string, mayBeOption = true): string {
  const option = mayBeOption && /^(--[A-Za-z0-9][A-Za-z0-9-]{0,38}|-[A-Za-z]{1,8})$/.test(word);
  if (option || word.length <= 8) return word;
  return `${word.slice(0, 4)}… (${word.length} chars)`;
}

const WITH_VALUE = new Set([
  '-H',
  '--header',
  '-u',
  '--user',
  '-X',
  '--request',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--data-ascii',
  '--json',
  '--url',
  '-A',
  '--user-agent',
  '-x',
  '--proxy',
  '-U',
  '--proxy-user',
  '--noproxy',
  '--proxy-header',
  '--preproxy',
  '--proxy-cacert',
  '--proxy-cert',
  '--proxy-key',
  '--proxy-pass',
  '--socks4',
  '--socks4a',
  '--socks5',
  '--socks5-hostname',
  '-e',
  '--referer',
  '-b',
  '--cookie',
  '-o',
  '--output',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-w',
  '--write-out',
  '--cacert',
  '--cert',
  '--key',
  '-T',
  '--upload-file',
  '-F',
  '--form',
  '--resolve',
  '--retry',
]);

export function parseCurlArgs(argv: readonly string[]): CurlRequest {
  const args = argv[0] === 'curl' ? argv.slice(1) : [...argv];
  const r: CurlRequest = {
    url: undefined,
    method: undefined,
    headers: [],
    data: undefined,
    dataFile: undefined,
    form: false,
    user: undefined,
    insecure: false,
    follow: false,
    locationTrusted: false,
    userAgent: undefined,
    proxy: undefined,
    proxyUser: undefined,
    noProxy: undefined,
    ignored: [],
  };
  let get = false;
  for (let i = 0; i < args.length; i++) {
    let arg = args[i] ?? '';
    let value: string | undefined;
    const eq = /^(--[a-z-]+)=(.*)$/s.exec(arg);
    if (eq) {
      arg = eq[1] ?? arg;
      value = eq[2];
    } else if (/^-[A-Za-z]./.test(arg) && WITH_VALUE.has(arg.slice(0, 2))) {
      value = arg.slice(2); // -HAuthorization:… and -XPOST
      arg = arg.slice(0, 2);
    }
    const take = () => value ?? args[++i] ?? '';
    switch (arg) {
      case '-H':
      case '--header': {
        const h = take();
        const c = h.indexOf(':');
        if (c > 0) r.headers.push([h.slice(0, c).trim(), h.slice(c + 1).replace(/^ /, '')]);
        else r.ignored.push(`-H ${shown(h, false)}`);
        break;
      }
      case '-u':
      case '--user':
        r.user = take();
        break;
      case '-X':
      case '--request':
        r.method = take().toUpperCase();
        break;
      case '-d':
      case '--data':
      case '--data-raw':
      case '--data-binary':
      case '--data-ascii':
      case '--data-urlencode': {
        const d = take();
        if (d.startsWith('@') && arg !== '--data-raw' && arg !== '--data-urlencode')
          r.dataFile = { path: d.slice(1), binary: arg === '--data-binary' };
        else r.data = r.data === undefined ? d : `${r.data}&${d}`;
        r.form = true;
        break;
      }
      case '--json':
        r.data = take();
        r.headers.push(['Content-Type', 'application/json'], ['Accept', 'application/json']);
        break;
      case '--url':
        r.url = take();
        break;
      case '-A':
      case '--user-agent':
        r.userAgent = take();
        break;
      case '-x':
      case '--proxy':
        r.proxy = take();
        break;
      case '-U':
      case '--proxy-user':
        r.proxyUser = take();
        break;
      case '--noproxy':
        r.noProxy = take();
        break;
      case '-k':
      case '--insecure':
        r.insecure = true;
        break;
      case '-L':
      case '--location':
        r.follow = true;
        break;
      case '--location-trusted':
        r.follow = true;
        r.locationTrusted = true;
        break;
      case '-G':
      case '--get':
        get = true;
        break;
      case '-I':
      case '--head':
        r.method = 'HEAD';
        break;
      default:
        if (arg.startsWith('-') && arg.length > 1) {
          if (WITH_VALUE.has(arg)) take();
          // combined short flags such as -sSLk
          if (/^-[a-zA-Z]+$/.test(arg)) {
            if (arg.includes('k')) r.insecure = true;
            if (arg.includes('L')) r.follow = true;
          }
          r.ignored.push(shown(arg));
        } else if (r.url === undefined) {
          r.url = arg;
        } else {
          r.ignored.push(shown(arg));
        }
    }
  }
  if (get) {
    // -G: the data goes into the query string of a GET
    if (r.data !== undefined && r.url !== undefined)
      r.url += `${r.url.includes('?') ? '&' : '?'}${r.data}`;
    r.data = undefined;
    r.form = false;
    r.method ??= 'GET';
  }
  return r;
}
