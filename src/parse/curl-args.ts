import { CURL_OPTIONS, type CurlOption } from './curl-options.js';

/**
 * A pasted curl command line, read as curl itself reads it (curl's own option table:
 * ./curl-options.ts), and turned into the request curl would send: method, URL, headers, body.
 * Pure: files (`-d @file`, `-H @file`) are read through the `readFile` the caller passes.
 * Never throws: what curl would refuse, or what changes the request in a way why401 does not
 * model, is in `errors`; what it leaves out harmlessly is in `ignored`/`notes`. Neither ever
 * holds a value of an option (a token, a body): only option names.
 */
export interface CurlRequest {
  /** The URL of the request (the first given), with curl's default scheme (http://) added. */
  url: string | undefined;
  /** How many URLs the command gives (curl fetches each; why401 diagnoses the first). */
  urlCount: number;
  /** -X, HEAD for -I, POST for data, GET for -G; undefined: GET. */
  method: string | undefined;
  /** The method was given (-X), not implied by -I, -d or -G. */
  methodGiven: boolean;
  /** The headers curl sends, but for Host and Content-Length, which the transport adds. */
  headers: [string, string][];
  /** Lower-cased names of headers curl would not send (`-H 'Name:'`, `-A ''`). */
  removed: string[];
  /** The body, as curl sends it (-d pieces joined with `&`, --json ones without). */
  data: string | undefined;
  /** -d data was given (not --json): curl sends it as a form unless a Content-Type says else. */
  form: boolean;
  /** -u/--user `user:password` (also turned into the Authorization header). */
  user: string | undefined;
  insecure: boolean;
  follow: boolean;
  locationTrusted: boolean;
  /** -A/--user-agent, when given ('' : no User-Agent at all). */
  userAgent: string | undefined;
  proxy: string | undefined;
  /** -U/--proxy-user `user:password`: the proxy's own credentials. */
  proxyUser: string | undefined;
  /** --noproxy: hosts (comma-separated, `*` for all) reached without a proxy; overrides NO_PROXY. */
  noProxy: string | undefined;
  /** Values curl itself treats as secret (-u, --oauth2-bearer, -U, --pass …): the caller registers them. */
  secrets: string[];
  /** Reasons curl would refuse the command, or why401 cannot send what curl sends: option names only. */
  errors: string[];
  /** What curl does that why401 does not (cookie files, .netrc, TLS options): option names only. */
  notes: string[];
  /** Options read and left aside because they do not change what is sent (-s, -o, -w …). */
  ignored: string[];
}

export interface ParseOptions {
  /** Reads `@file` (`-` is stdin); undefined when it cannot. Without it, files are refused. */
  readonly readFile?: ((path: string) => Buffer | undefined) | undefined;
}

/** curl's User-Agent: what why401 sends for a curl command without -A. */
export const CURL_USER_AGENT = 'curl/8.5.0';

/** What `--compressed` asks for (curl 7.88 and 8.x built with zlib, brotli and zstd). */
export const CURL_ACCEPT_ENCODING = 'deflate, gzip, br, zstd';

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
 * An option word as it may be printed: a long name of lower-case letters, digits, `-` and `.` up
 * to 32 characters, or a short one. Anything else (a value, a key that starts with `-`) is not shown.
 */
function optionShown(word: string): string {
  // curl's names are lower-case and short; a word with capitals or a long one may be a key
  if (/^(--[a-z0-9][a-z0-9.-]{0,29}|-[A-Za-z0-9#:]{1,8})$/.test(word)) return word;
  return `an option word of ${word.length} characters`;
}

/** `--name` of an option, and its short letter if it has one: `-d/--data`. */
function named(o: CurlOption): string {
  return o.short ? `-${o.short}/--${o.name}` : `--${o.name}`;
}

/**
 * Options that change the request in a way why401 does not reproduce: curl would send something
 * else, so the diagnosis would be of another request. Refused, with the reason.
 */
const REFUSED: Readonly<Record<string, string>> = {
  config: 'reads more options from a file; paste those options instead',
  form: 'sends a multipart form with a random boundary, which why401 does not build',
  'form-string': 'sends a multipart form with a random boundary, which why401 does not build',
  'upload-file': 'uploads a file, which why401 does not do',
  digest: 'is a challenge-response login (a first request without credentials)',
  ntlm: 'is a challenge-response login (a first request without credentials)',
  'ntlm-wb': 'is a challenge-response login (a first request without credentials)',
  negotiate: 'is a challenge-response login (a first request without credentials)',
  anyauth: 'asks the server which login to use first (a first request without credentials)',
  'aws-sigv4': 'signs the request, which why401 does not do',
  'httpsig-algo': 'signs the request, which why401 does not do',
  'httpsig-headers': 'signs the request, which why401 does not do',
  'httpsig-key': 'signs the request, which why401 does not do',
  'httpsig-keyid': 'signs the request, which why401 does not do',
  'request-target': 'sends another request target than the URL’s',
  'unix-socket': 'sends over a Unix socket',
  'abstract-unix-socket': 'sends over a Unix socket',
  variable: 'defines variables for --expand-* options, which why401 does not expand',
  'continue-at': 'adds a Range header from a file’s size',
  'time-cond': 'adds an If-Modified-Since header from a date or a file',
  'tr-encoding': 'asks for a transfer encoding (TE and Connection headers)',
  'http0.9': 'is not a request of its own',
  'ipfs-gateway': 'is for ipfs:// URLs',
  'proto-default': 'changes the scheme of a URL given without one',
  'path-as-is': 'sends the path without removing /../ and /./',
};

/**
 * Options that change how or where curl connects, not what it sends; why401 does not do the
 * same, and says so.
 */
const NOTED: Readonly<Record<string, string>> = {
  netrc: 'curl would read ~/.netrc for a login; why401 does not',
  'netrc-file': 'curl would read a .netrc file for a login; why401 does not',
  'netrc-optional': 'curl would read ~/.netrc for a login; why401 does not',
  cert: 'the client certificate is not sent',
  'cert-type': 'the client certificate is not sent',
  key: 'the client certificate is not sent',
  'key-type': 'the client certificate is not sent',
  pass: 'the client certificate is not sent',
  cacert: 'the CA file is not used (see --insecure)',
  capath: 'the CA folder is not used (see --insecure)',
  resolve: 'why401 resolves the host itself',
  'connect-to': 'why401 connects to the URL’s host itself',
  'proxy-header': 'headers for the proxy are not sent',
  preproxy: 'the pre-proxy is not used',
  socks4: 'SOCKS proxies are not used',
  socks4a: 'SOCKS proxies are not used',
  socks5: 'SOCKS proxies are not used',
  'socks5-hostname': 'SOCKS proxies are not used',
  'http1.0': 'why401 speaks HTTP/1.1',
  http2: 'why401 speaks HTTP/1.1',
  'http2-prior-knowledge': 'why401 speaks HTTP/1.1',
  http3: 'why401 speaks HTTP/1.1',
  'http3-only': 'why401 speaks HTTP/1.1',
  'haproxy-protocol': 'the PROXY protocol header is not sent',
  'haproxy-clientip': 'the PROXY protocol header is not sent',
  hsts: 'the HSTS cache is not read',
  'alt-svc': 'the alt-svc cache is not read',
  interface: 'why401 picks its own network interface',
  'local-port': 'why401 picks its own local port',
  ipv4: 'why401 picks the address family itself',
  ipv6: 'why401 picks the address family itself',
  'doh-url': 'why401 uses the system resolver',
  'proxy-basic': 'the proxy login is sent as Basic',
  'proxy-digest': 'the proxy login is sent as Basic',
  'proxy-ntlm': 'the proxy login is sent as Basic',
  'proxy-negotiate': 'the proxy login is sent as Basic',
  'proxy-anyauth': 'the proxy login is sent as Basic',
  proxytunnel: 'plain http through a proxy is sent without a tunnel',
  'proxy1.0': 'the proxy is not used',
  'max-redirs': 'why401 follows its own number of redirects',
};

/** The word curl guesses a scheme from (`ftp.example.com` is ftp://), else http. */
const GUESSED_SCHEME: readonly (readonly [string, string])[] = [
  ['ftp.', 'ftp'],
  ['dict.', 'dict'],
  ['ldap.', 'ldap'],
  ['imap.', 'imap'],
  ['smtp.', 'smtp'],
  ['pop3.', 'pop3'],
];

const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
/**
 * A word curl would take for a host without a scheme, and that plainly is one: a name whose last
 * label is letters (`api.example.com`), localhost, an IP address, or any name with a port. A JWT
 * (`eyJ….eyJ….sig`) or a bare token is not: such a word is refused, never resolved.
 */
const PLAIN_HOST = new RegExp(
  `^(?:[^\\s/?#@]+@)?(?:(?:\\[[0-9A-Fa-f:.]+\\]|localhost|\\d{1,3}(?:\\.\\d{1,3}){3}|(?:${LABEL}\\.)+[A-Za-z]{2,63}\\.?)(?::\\d{1,5})?|${LABEL}:\\d{1,5})(?:[/?#].*)?$`,
  's',
);

/** curl's escaping (curl_easy_escape: all but A-Z a-z 0-9 - . _ ~), spaces then as `+`. */
export function curlUrlencode(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9._~-]/.test(c)) out += c;
    else if (b === 0x20) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

interface State {
  readonly r: CurlRequest;
  readonly readFile: ((path: string) => Buffer | undefined) | undefined;
  urls: string[];
  custom: [string, string][];
  data: string | undefined;
  json: boolean;
  get: boolean;
  head: boolean;
  query: string | undefined;
  bearer: string | undefined;
  referer: string | undefined;
  range: string | undefined;
  cookies: string[];
  compressed: boolean;
  globoff: boolean;
  next: boolean;
}

function file(s: State, o: CurlOption, path: string): Buffer | undefined {
  const bytes = s.readFile?.(path);
  if (bytes === undefined)
    s.r.errors.push(`${named(o)} @file: why401 could not read the file it names`);
  return bytes;
}

function text(s: State, o: CurlOption, bytes: Buffer): string {
  const t = bytes.toString('utf8');
  if (!Buffer.from(t, 'utf8').equals(bytes))
    s.r.errors.push(`${named(o)}: the data is not UTF-8 text, which why401 cannot send as is`);
  return t;
}

/** --data-urlencode and --url-query: `content`, `=content`, `name=content`, `@file`, `name@file`. */
function urlencoded(s: State, o: CurlOption, value: string): string {
  let at = value.indexOf('=');
  if (at < 0) at = value.indexOf('@');
  const name = at < 0 ? '' : value.slice(0, at);
  const rest = at < 0 ? value : value.slice(at + 1);
  const bytes = at >= 0 && value[at] === '@' ? file(s, o, rest) : Buffer.from(rest, 'utf8');
  const encoded = curlUrlencode(bytes ?? Buffer.alloc(0));
  return name ? `${name}=${encoded}` : encoded;
}

function addData(s: State, o: CurlOption, value: string): void {
  let piece: string;
  if (o.name === 'data-urlencode') piece = urlencoded(s, o, value);
  else if (value.startsWith('@') && o.name !== 'data-raw') {
    const bytes = file(s, o, value.slice(1)) ?? Buffer.alloc(0);
    const t = text(s, o, bytes);
    // -d @file drops the file's line breaks; --data-binary and --json send it as is
    piece = o.name === 'data-binary' || o.name === 'json' ? t : t.replace(/[\r\n]/g, '');
  } else piece = value;
  if (o.name === 'json') s.json = true;
  // each piece after the first is joined with `&`, but a --json one is appended as is
  s.data = s.data === undefined ? piece : `${s.data}${o.name === 'json' ? '' : '&'}${piece}`;
}

/** One -H value: `Name: value`, `Name:` (curl leaves its own out), `Name;` (an empty value). */
function addHeader(s: State, value: string): void {
  const colon = value.indexOf(':');
  if (colon > 0) {
    const name = value.slice(0, colon).trim();
    const v = value.slice(colon + 1).replace(/^[ \t]+/, '');
    if (v.trim() === '') s.r.removed.push(name.toLowerCase());
    else s.custom.push([name, v]);
    return;
  }
  const semi = value.indexOf(';');
  if (semi > 0 && value.slice(semi + 1).trim() === '') {
    s.custom.push([value.slice(0, semi).trim(), '']);
    return;
  }
  s.r.notes.push('-H without a ":" (curl does not send it)');
}

function addUrl(s: State, word: string): void {
  s.urls.push(word);
}

/** The value an option takes: the rest of a short option's word, or the next word. */
function handle(s: State, o: CurlOption, value: string, on: boolean): void {
  const r = s.r;
  if (o.secret) r.secrets.push(value);
  const refused = REFUSED[o.name];
  if (refused !== undefined && on) {
    r.errors.push(`${named(o)} ${refused}`);
    return;
  }
  switch (o.name) {
    case 'header':
      if (value.startsWith('@')) {
        const bytes = file(s, o, value.slice(1));
        if (bytes)
          for (const line of bytes.toString('utf8').split(/\r?\n/))
            if (line.trim() !== '') addHeader(s, line);
      } else addHeader(s, value);
      return;
    case 'user':
      r.user = value;
      if (!value.includes(':'))
        r.notes.push('-u without a password: curl would ask for one; why401 sends an empty one');
      return;
    case 'oauth2-bearer':
      s.bearer = value;
      return;
    case 'request':
      r.method = value;
      r.methodGiven = true;
      return;
    case 'data':
    case 'data-ascii':
    case 'data-binary':
    case 'data-raw':
    case 'data-urlencode':
    case 'json':
      addData(s, o, value);
      return;
    case 'url-query': {
      const q = value.startsWith('+') ? value.slice(1) : urlencoded(s, o, value);
      s.query = s.query === undefined ? q : `${s.query}&${q}`;
      return;
    }
    case 'url':
      addUrl(s, value);
      return;
    case 'user-agent':
      r.userAgent = value;
      return;
    case 'referer': {
      const auto = value.indexOf(';auto');
      s.referer = auto >= 0 ? value.slice(0, auto) : value;
      return;
    }
    case 'range':
      // curl: a plain number is a start (`5` is `5-`)
      s.range = /^\d+$/.test(value) ? `${value}-` : value;
      return;
    case 'cookie':
      if (value.includes('=')) s.cookies.push(value);
      else r.notes.push('-b FILE: why401 does not read cookie files; their cookies are not sent');
      return;
    case 'proxy':
      r.proxy = value;
      return;
    case 'proxy-user':
      r.proxyUser = value;
      return;
    case 'noproxy':
      r.noProxy = value;
      return;
    case 'insecure':
      r.insecure = on;
      return;
    case 'location':
      r.follow = on;
      return;
    case 'location-trusted':
      r.follow = on;
      r.locationTrusted = on;
      return;
    case 'get':
      s.get = on;
      return;
    case 'head':
      s.head = on;
      return;
    case 'compressed':
      s.compressed = on;
      return;
    case 'globoff':
      s.globoff = on;
      return;
    default: {
      const note = NOTED[o.name];
      if (note !== undefined && on) r.notes.push(`${named(o)}: ${note}`);
      else r.ignored.push(`--${o.name}`);
    }
  }
}

/** Reads the words after `curl` as curl does: bundled short options, `--no-NAME`, `--`, `--next`. */
function read(s: State, args: readonly string[]): void {
  let flags = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!flags || !arg.startsWith('-')) {
      addUrl(s, arg);
      continue;
    }
    if (arg === '--') {
      flags = false;
      continue;
    }
    const next = (o: CurlOption): string | undefined => {
      if (i + 1 >= args.length) {
        s.r.errors.push(`${named(o)} needs a value`);
        return undefined;
      }
      return args[++i];
    };
    if (arg.startsWith('--')) {
      let name = arg.slice(2);
      let on = true;
      let o = CURL_OPTIONS.long.get(name);
      if (!o && name.startsWith('no-')) {
        o = CURL_OPTIONS.long.get(name.slice(3));
        if (o && !o.bool) {
          s.r.errors.push(`${optionShown(arg)}: --${o.name} is not a switch curl turns off`);
          continue;
        }
        name = name.slice(3);
        on = false;
      }
      if (!o) {
        s.r.errors.push(
          arg.includes('=')
            ? `${optionShown(arg.slice(0, arg.indexOf('=')))}=…: curl does not read --name=value; give the value as the next word`
            : `${optionShown(arg)} is not a curl option`,
        );
        continue;
      }
      if (o.name === 'next') {
        s.next = true;
        return;
      }
      if (o.value) {
        const v = next(o);
        if (v !== undefined) handle(s, o, v, true);
      } else handle(s, o, '', on);
      continue;
    }
    // short options, bundled: -sSLk, -sd VALUE, -XPOST, -Hname:value
    const letters = arg.slice(1);
    if (letters === '') {
      s.r.errors.push('"-" alone is not a curl option');
      continue;
    }
    for (let j = 0; j < letters.length; j++) {
      const o = CURL_OPTIONS.short.get(letters[j] ?? '');
      if (!o) {
        s.r.errors.push(`-${letters[j] ?? ''} (in ${optionShown(arg)}) is not a curl option`);
        break;
      }
      if (o.name === 'next') {
        s.next = true;
        return;
      }
      if (o.value) {
        const rest = letters.slice(j + 1);
        const v = rest !== '' ? rest : next(o);
        if (v !== undefined) handle(s, o, v, true);
        break;
      }
      handle(s, o, '', true);
    }
  }
}

/** The URL curl would fetch: a scheme added as curl guesses it, the word checked to be a URL. */
function urlOf(s: State, word: string): string | undefined {
  const r = s.r;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(word);
  let url: string;
  if (scheme) {
    const p = (scheme[1] ?? '').toLowerCase();
    if (p !== 'http' && p !== 'https') {
      r.errors.push(`the URL is ${p}://: why401 diagnoses http:// and https:// only`);
      return undefined;
    }
    url = word;
  } else {
    if (!PLAIN_HOST.test(word)) {
      r.errors.push(
        `a word of the command (${word.length} characters) is neither a curl option nor plainly a URL; give URLs with http:// or https://`,
      );
      return undefined;
    }
    const guessed = GUESSED_SCHEME.find(([prefix]) => word.toLowerCase().startsWith(prefix));
    if (guessed) {
      r.errors.push(
        `curl reads a URL starting ${guessed[0]} as ${guessed[1]}://: why401 diagnoses http(s) only`,
      );
      return undefined;
    }
    url = `http://${word}`;
  }
  try {
    const u = new URL(url);
    if (!u.hostname) throw new Error('no host');
  } catch {
    r.errors.push(`the URL (${word.length} characters) is not a valid URL`);
    return undefined;
  }
  // curl's globbing: {a,b} and [1-9] make several URLs, unless -g
  const afterHost = url.replace(/^[a-z]+:\/\/\[[0-9A-Fa-f:.]+\]/i, '');
  if (!s.globoff && /[{}[\]]/.test(afterHost)) {
    r.errors.push('the URL holds curl glob characters ({} or []): give one URL, or add -g');
    return undefined;
  }
  return url.replace(/#.*$/s, '');
}

/** Appends to the query as curl does (CURLU_APPENDQUERY): `&` when there is one, else `?`. */
function appendQuery(url: string, q: string): string {
  const qm = url.indexOf('?');
  if (qm < 0) return `${url}?${q}`;
  return qm === url.length - 1 ? `${url}${q}` : `${url}&${q}`;
}

export function parseCurlArgs(argv: readonly string[], options: ParseOptions = {}): CurlRequest {
  const args = argv[0] === 'curl' ? argv.slice(1) : [...argv];
  const r: CurlRequest = {
    url: undefined,
    urlCount: 0,
    method: undefined,
    methodGiven: false,
    headers: [],
    removed: [],
    data: undefined,
    form: false,
    user: undefined,
    insecure: false,
    follow: false,
    locationTrusted: false,
    userAgent: undefined,
    proxy: undefined,
    proxyUser: undefined,
    noProxy: undefined,
    secrets: [],
    errors: [],
    notes: [],
    ignored: [],
  };
  const s: State = {
    r,
    readFile: options.readFile,
    urls: [],
    custom: [],
    data: undefined,
    json: false,
    get: false,
    head: false,
    query: undefined,
    bearer: undefined,
    referer: undefined,
    range: undefined,
    cookies: [],
    compressed: false,
    globoff: false,
    next: false,
  };
  read(s, args);
  if (s.next) r.notes.push('--next: why401 diagnoses the first request; the rest is not read');
  r.urlCount = s.urls.length;
  const checked = s.urls.map((word) => urlOf(s, word));
  let url = checked[0];
  if (s.data !== undefined && s.head && !s.get)
    r.errors.push('-I/--head and data (-d, --json …): curl refuses to send both');
  if (url !== undefined) {
    if (s.get && s.data !== undefined) url = appendQuery(url, s.data);
    else if (s.query !== undefined) url = appendQuery(url, s.query);
  }
  r.url = url;
  if (s.get) {
    r.method ??= s.head ? 'HEAD' : s.data !== undefined ? 'GET' : undefined;
  } else if (s.data !== undefined) {
    r.data = s.data;
    r.form = !s.json;
    r.method ??= 'POST';
  } else if (s.head) r.method ??= 'HEAD';
  r.headers = headersOf(s);
  return r;
}

/** The headers curl sends, in its order: its own ones (unless -H replaced or removed them), then -H's. */
function headersOf(s: State): [string, string][] {
  const r = s.r;
  const given = (name: string) =>
    r.removed.includes(name) || s.custom.some(([n]) => n.toLowerCase() === name);
  const out: [string, string][] = [];
  const own = (name: string, value: string | undefined) => {
    if (value !== undefined && !given(name.toLowerCase())) out.push([name, value]);
  };
  const basic =
    r.user === undefined
      ? undefined
      : `Basic ${Buffer.from(r.user.includes(':') ? r.user : `${r.user}:`).toString('base64')}`;
  own('Authorization', s.bearer !== undefined ? `Bearer ${s.bearer}` : basic);
  if (s.range !== undefined) own('Range', `bytes=${s.range}`);
  if (r.userAgent === '') r.removed.push('user-agent');
  else own('User-Agent', r.userAgent ?? CURL_USER_AGENT);
  own('Accept', s.json ? 'application/json' : '*/*');
  if (s.compressed) own('Accept-Encoding', CURL_ACCEPT_ENCODING);
  if (s.referer) own('Referer', s.referer);
  if (s.cookies.length > 0) own('Cookie', s.cookies.join(';'));
  if (s.json) own('Content-Type', 'application/json');
  else if (r.data !== undefined) own('Content-Type', 'application/x-www-form-urlencoded');
  return [...out, ...s.custom];
}
