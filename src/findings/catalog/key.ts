import type { FindingData } from '../types.js';
import type { FamilyCatalog } from './family.js';

/** Distinct list items named in a fix: a key made of thousands of hidden characters names 8. */
const MAX_LISTED = 8;

/** A data value as text: lists joined (distinct, the first few); absent or empty values left to the caller's fallback. */
function text(value: FindingData[string]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return String(value) === '' ? undefined : String(value);
  const distinct = [...new Set(value.map(String))];
  const listed = distinct.slice(0, MAX_LISTED).join(', ');
  const more = distinct.length > MAX_LISTED ? ` and ${distinct.length - MAX_LISTED} more` : '';
  return listed === '' ? undefined : `${listed}${more}`;
}

/** With `half` (a Basic pair's user or password): where the pair is built, named. */
function inPair(d: FindingData, what: string): string | undefined {
  const half = text(d['half']);
  if (half === undefined) return undefined;
  return `${what} the Basic pair's ${half} where the pair is built (\`curl -u user:secret\`, the client's username and password settings, the code that base64-encodes it), then encode it again.`;
}

export const keyFindings: FamilyCatalog<'key'> = {
  'key.missing': {
    severity: 'error',
    title: 'The credential is empty or the literal text undefined, null or None',
    fix: 'Make sure the variable holding the key is set in the process that makes the call, and fail at startup when it is not, instead of sending "Bearer undefined".',
    explain: {
      meaning:
        'Nothing usable was sent as the credential: the value is empty, or it is the text "undefined", "null" or "None" that a language produced when it turned a missing value into a string. The server sees no key at all, or a key that cannot exist.',
      causes:
        'A template such as `Bearer ${process.env.API_TOKEN}` or a Python f-string with `os.environ.get(...)` is built while the variable is unset: the .env file was never loaded, a browser bundle does not see the name, or another process (an MCP server, a CI step) runs without it. A JSON config field left as null does the same.',
      confirm:
        '`why401 check` shows the header as sent, e.g. `Authorization: Bearer undefined`. `why401 env NAME` tells whether the variable is set and where it is defined, and names similar or prefixed variables that are set instead.',
      fix: 'Set the variable in the environment of the process that makes the call (load the .env file, add the framework prefix for browser code, pass it to the child process), and check it at startup so a missing key fails loudly instead of being sent as text.',
      cases: ['en-01', 'en-02'],
    },
  },
  'key.whitespace': {
    severity: 'error',
    title: 'The credential starts or ends with a space or tab',
    fix: (d) =>
      inPair(d, 'Remove the whitespace around') ??
      'Remove the surrounding whitespace from the stored value, and trim the key where it is loaded (e.g. `process.env.API_KEY?.trim()`).',
    explain: {
      meaning:
        'The key carries a leading or trailing space or tab that is not part of the real key. Some paths trim it (fetch normalises header values, many servers strip optional whitespace around header values), others send it byte for byte, so the same key can work in one place and fail in another.',
      causes:
        'The key was copied from a web page or chat together with the space next to it, or written as `KEY= sk-…` in a config file. Sent in a query parameter (`?api_key=…%20`), a JSON body or a WebSocket message, the space stays part of the key and the server compares it literally.',
      confirm:
        '`why401 key --key-env NAME` (or `--key-file PATH`) reports the position of each whitespace character. A URL ending in `%20` or `%09`, or an error message that echoes the key with a gap, shows the same thing.',
      fix: 'Re-save the value without the whitespace and trim it where the application reads it, so the next paste cannot reintroduce the problem.',
      cases: ['ws-09', 'ws-10', 'ws-11'],
    },
  },
  'key.newline': {
    severity: 'error',
    title: 'The credential contains a line break (CR or LF)',
    fix: (d) =>
      inPair(d, 'Remove the line break from') ??
      'Store the key without its trailing newline (`printf %s`, `echo -n`, `kubectl create secret --from-literal`) and trim it where it is read.',
    explain: {
      meaning:
        'A carriage return or line feed is part of the value. Most HTTP clients refuse to put it in a header at all: Node `http` throws `ERR_INVALID_CHAR` (Invalid character in header content ["authorization"]), Go reports "invalid header field value", Python requests says "Invalid return character or leading space in header". Where it does get sent (a query parameter, a body), the server sees a different key.',
      causes:
        '`echo "sk-…" | base64` encodes echo\'s newline into a Kubernetes Secret; `kubectl create secret --from-file` keeps the final newline of the file; editors append a newline to token files; a file read with `readFileSync` or `open().read()` keeps it; Windows tools print CRLF and only the LF gets stripped, so a CR remains. Shell `$(cat file)` strips trailing LF but not CR.',
      confirm:
        '`why401 key --key-file PATH` reads the bytes as they are and reports `\\n` or `\\r` with its index; `why401 key --key-env NAME` does the same for a variable. For a file, `tail -c 2 FILE | od -c` shows the last two bytes without printing the key.',
      fix: 'Write the value without a newline (`printf %s "$KEY" | base64`, `echo -n`, `--from-literal`, or `stringData:` in the Secret), convert CRLF files with `dos2unix`, and trim the key where the application reads it.',
      cases: ['ws-01', 'ws-02', 'ws-03', 'ws-04', 'ws-05', 'ws-06', 'ws-07', 'ws-08'],
    },
  },
  'key.invisible': {
    severity: 'error',
    title: 'The credential contains invisible characters (zero-width, BOM, NBSP or control)',
    fix: (d) => {
      const chars = text(d['chars']);
      return `Remove the invisible characters${chars ? ` (${chars})` : ''} by re-copying the key from the provider's dashboard as plain text.`;
    },
    explain: {
      meaning:
        'The key contains characters that do not show on screen: zero-width space or joiner, a byte order mark, a non-breaking or other Unicode space, a soft hyphen, bidirectional marks or other control characters. They are not part of any real key, so the key the server receives differs from the one you see.',
      causes:
        'Copying from rich text (web pages, PDFs, Word, Slack, Notion) carries invisible formatting characters along; a file saved as "UTF-8 with BOM" puts U+FEFF before the first value. Characters above U+00FF make fetch throw "Cannot convert argument to a ByteString" and Node `http` throw `ERR_INVALID_CHAR`; NBSP (U+00A0) and soft hyphen (U+00AD) fit in Latin-1 and are sent silently, so the server just answers 401.',
      confirm:
        '`why401 key --key-env NAME` names each invisible character with its code point and index. `why401 echo` shows what actually arrives at a server, with hidden characters made visible.',
      fix: 'Re-copy the key from the provider as plain text (or paste it through a plain-text editor first), save env files as UTF-8 without BOM, and run `why401 key` again to confirm the value is clean.',
    },
  },
  'key.non-ascii': {
    severity: 'error',
    title:
      'The credential contains non-ASCII characters (look-alike letters, typographic dashes, ellipsis)',
    fix: (d) => {
      const index = text(d['index']);
      return `Replace the non-ASCII characters${index ? ` (first at index ${index})` : ''} by re-copying the key from the provider; API keys are plain ASCII.`;
    },
    explain: {
      meaning:
        'The key contains characters outside ASCII, such as an en dash instead of a hyphen, an ellipsis, or a Cyrillic or Greek letter that looks like a Latin one. Provider keys are ASCII, so this value cannot be right; fetch refuses code points above 255 with "Cannot convert argument to a ByteString because the character at index N has a value of M".',
      causes:
        'The key went through something that "prettified" it: a word processor or chat app replacing `-` with `–`, a truncated display that shows `…` instead of the middle of the key, or retyping from a screenshot or a font where look-alike letters are easy to confuse.',
      confirm:
        '`why401 key --key-env NAME` lists each non-ASCII character with its code point and index. The index and value in a ByteString error point at the same character (8230 is the ellipsis, 8211 the en dash).',
      fix: "Copy the key again from the provider's dashboard or from the file it was issued in, not from a document, chat or truncated display; if the full key is no longer shown, create a new one.",
      cases: ['ch-01', 'ch-02'],
    },
  },
  'key.quoted': {
    severity: 'error',
    title: 'The credential is wrapped in quote characters that became part of the value',
    fix: (d) =>
      inPair(d, 'Remove the quotes around') ??
      'Remove the quotes from the stored value: on Windows cmd write `set "NAME=value"`, in docker-compose use the map syntax or no quotes in list items.',
    explain: {
      meaning:
        'The value starts and ends with a quote (`"`, `\'`, typographic quotes or backticks), so the quotes are sent as part of the key and the provider rejects it. Error messages that echo a masked key often show it: `Incorrect API key provided: "sk-…`.',
      causes:
        'Windows cmd `set OPENAI_API_KEY="sk-…"` stores the double quotes; a docker-compose `environment:` list item `- KEY=\'…\'` keeps them; an env file quoted for python-dotenv is reused as a Compose or `docker run --env-file`, which take values literally; a JSON or YAML value quoted twice; typographic quotes pasted from documentation.',
      confirm:
        '`why401 key --key-env NAME` reports the quote characters at both ends. `why401 env NAME` shows which source defines the value and flags loaders that keep quotes (env.quotes-kept).',
      fix: 'Store the value without quotes, or quote it in a way the loader removes: `set "NAME=value"` in cmd, `KEY: value` map syntax or unquoted list items in compose, quotes only in files read by a dotenv library. Restart the process so it picks up the corrected value.',
      cases: ['qt-01', 'qt-02', 'qt-03'],
    },
  },
  'key.placeholder': {
    severity: 'error',
    title: 'The credential is a documentation placeholder, not a real key',
    fix: (d) =>
      `Replace the placeholder with a real key from ${text(d['provider']) ?? 'the provider'}'s dashboard (or the key your gateway issued).`,
    explain: {
      meaning:
        'The value is a stand-in from a README, example config or client default: `your-api-key`, `<API_KEY>`, `sk-...`, `xxxx`, `changeme`, `TOKEN`, `not-needed` and the like. No server accepts it; Slack answers such a token with HTTP 200 and `ok:false, invalid_auth`.',
      causes:
        'An example file (`.env.example`, a README snippet) was copied and the placeholder never replaced, or a client requires a key field and was given a dummy value because a local model server accepts anything; placed behind a real gateway (LiteLLM, a company proxy), the dummy is refused.',
      confirm:
        '`why401 key --key-env NAME` recognises the common placeholder forms. A gateway error that echoes what it received (e.g. "Received=not-needed") confirms it from the server side.',
      fix: 'Put the real key in the variable or config field the application actually reads; for a gateway, ask its owner for a gateway-issued key.',
      cases: ['wv-05', 'gw-01'],
    },
  },
  'key.unexpanded': {
    severity: 'error',
    title:
      'The credential is an unexpanded variable reference such as $NAME or ${{ secrets.NAME }}',
    fix: 'Make the reference expand where it is written (double quotes in the shell, a loader that interpolates), or put the actual value in its place.',
    explain: {
      meaning:
        'The value is the text of a reference to another variable (`$NAME`, `${NAME}`, `%NAME%`, `{{ secrets.NAME }}`, `process.env.NAME`) instead of the value it should have been replaced with, so that literal text is sent as the key.',
      causes:
        "Single quotes in the shell (`'Bearer $TOKEN'`) prevent expansion; `.env` files do not expand `${OTHER}` unless the loader supports it (dotenv-expand), and `docker run --env-file` never does; `%NAME%` is cmd syntax and stays literal in PowerShell or a Unix shell; a CI template expression ended up in a file that is not processed by the CI engine; `process.env.NAME` was written into a JSON config as a string.",
      confirm:
        '`why401 key --key-env NAME` reports the reference form it found. `why401 env NAME` shows which source defines the variable with the literal text.',
      fix: 'Use double quotes where the shell should expand, enable expansion in the loader or write the value directly, and reference CI secrets only in places the CI engine substitutes (workflow `env:` or `with:`).',
    },
  },
  'key.masked': {
    severity: 'error',
    title: 'The credential is a masked copy (contains …, ..., *** or •••)',
    fix: "Create or reveal the full key in the provider's dashboard and copy it in one piece; a masked copy cannot be repaired.",
    explain: {
      meaning:
        'The value contains a masking pattern (`…`, `...`, `***`, `•••`): it is the shortened form a dashboard, log or error message shows so the key can be recognised, not the key itself.',
      causes:
        'Many dashboards show a key in full only once, at creation, and afterwards only as a prefix plus the last four characters; copying that display, or copying a key from a log line or an error body that masked it, gives a value that can never work.',
      confirm:
        "`why401 key --key-env NAME` reports the mask characters and their position; the value is also usually much shorter than that provider's keys.",
      fix: 'If the full key is stored somewhere (a password manager, a secret store), copy it from there; otherwise create a new key, store it safely at once, and revoke the old one if it is no longer used.',
    },
  },
  'key.scheme-included': {
    severity: 'error',
    title: 'The credential already contains the scheme or header name, so it is sent twice',
    fix: 'Store only the key itself (without `Bearer ` or `Authorization:`); the client or SDK adds the scheme.',
    explain: {
      meaning:
        'The stored value starts with a scheme or header name (`Bearer sk-…`, `Authorization: Bearer …`, `token …`). The client adds its own scheme in front, so the server receives `Bearer Bearer sk-…` or a header value containing a header name, and rejects it.',
      causes:
        'The whole header line was copied from a curl example or browser devtools into the variable; or a library prepends the scheme without checking whether the stored token already has one (possibly in another case, e.g. `bearer`). SDKs such as the OpenAI or Anthropic clients always add the scheme or header themselves.',
      confirm:
        '`why401 key --key-env NAME` reports the leading scheme or header name. `why401 check` shows the header as sent, where the doubled scheme is visible.',
      fix: 'Remove the prefix from the stored value and let the client build the header; if you build it by hand, add the scheme in exactly one place.',
      cases: ['hd-03'],
    },
  },
  'key.truncated': {
    severity: 'error',
    title: "The credential is shorter than this provider's keys, or a JWT that no longer decodes",
    fix: (d) =>
      `Copy the complete key again from ${text(d['provider']) ?? 'the provider'} (it was cut short), or create a new one.`,
    explain: {
      meaning:
        "The key has a known provider prefix but fewer characters than that provider's keys have, or it is a JWT whose segments are no longer valid base64url or JSON. Part of the key was lost on the way.",
      causes:
        'A double-click selected only up to a `-` or `_`; a terminal or form field wrapped or cut the line; docker compose interpolated a `$` inside the value (write `$$`); an unquoted `#` started a comment in an env file; a character was dropped when retyping. Supabase answers a damaged JWT with `PGRST301` "Not valid base64url".',
      confirm:
        '`why401 key --key-env NAME` shows the length, the expected length for the detected provider, and for JWTs which segment fails to decode. Compare the last four characters with the ones the dashboard shows.',
      fix: "Copy the full key again (use the dashboard's copy button), quote it in env files if it contains `#` or `$`, and escape `$` as `$$` in compose files.",
      cases: ['wv-09'],
    },
  },
  'key.malformed': {
    severity: 'error',
    title: "The credential starts like a provider's key but has none of its shapes",
    fix: (d) => {
      const who = text(d['provider']) ?? 'the provider';
      switch (d['problem']) {
        case 'long':
          return `The value is longer than any ${who} key: look for two keys pasted together or text stuck to it, and copy the key alone again from ${who}.`;
        case 'alphabet':
          return `The value holds a character no ${who} key has: copy the key again from ${who} with its copy button rather than retyping or editing it.`;
        default:
          return `Copy the complete key again from ${who}: this value is not one of its keys as issued.`;
      }
    },
    explain: {
      meaning:
        "The value begins with a prefix that only one provider's keys carry (`sk-proj-`, `sk-ant-`, `sk_live_`, `ghp_`, `AKIA`, `SG.` …) but fits none of that provider's key shapes: it is longer than any real key of that kind, holds a character those keys never contain, or lacks a marker or separator they all carry (OpenAI's `T3BlbkFJ`, the `.` of a SendGrid key, the `_` inside a GitHub fine-grained token). Lengths come from real keys (documentation and public samples), not from a secret scanner's loosest pattern. A value shorter than every real key is key.truncated instead.",
      causes:
        'Two keys pasted one after the other (a second copy appended to a variable), text stuck to the key (a comment after an unquoted value, a closing quote, a word from the next line), a character changed by retyping or by an editor (`-` for `_`, `O` for `0`, a typographic dash), a key edited by hand, or a made-up value that imitates a real key.',
      confirm:
        '`why401 key --key-env NAME` names the prefix, the length, the real lengths of keys with that prefix and where the first foreign character sits. Compare the length and the last four characters with what the dashboard shows.',
      fix: "Copy the key again with the dashboard's copy button, into a quoted value, and check that nothing follows it on the line.",
    },
  },
  'key.wrong-provider': {
    severity: 'error',
    title: 'The credential belongs to another provider than the host it is sent to',
    fix: (d) => {
      const keyProvider = text(d['keyProvider']);
      const hostProvider = text(d['hostProvider']);
      const key = keyProvider ? `the ${keyProvider} API` : "the key's own provider";
      const host = hostProvider ? `a key issued by ${hostProvider}` : 'a key issued for this host';
      return `Point the base URL at ${key}, or use ${host} instead of this one.`;
    },
    explain: {
      meaning:
        'The key\'s shape identifies one provider (e.g. `sk-proj-…` for OpenAI, `sk-ant-…` for Anthropic) while the request goes to another provider\'s host. The host does not know the key, so it answers with its own "invalid key" error.',
      causes:
        "The base URL setting was ignored or never applied, so the SDK used its default host; the app reads other variable names than the ones set (OPENAI_API_BASE vs OPENAI_BASE_URL), so it falls back to a default endpoint; a leftover `*_BASE_URL` variable redirects traffic; the app is configured for one provider (Azure OpenAI) but given another's key.",
      confirm:
        "`why401 check` shows the host actually called and the provider the key fits. The error body often gives it away: an OpenAI-branded message when a relay was intended, a help link on another provider's domain, an `apim-request-id` header from Azure.",
      fix: 'Decide which provider you mean to use, then make the base URL and the key agree: set the base URL variable the SDK really reads (check with `why401 env NAME`), or use a key issued by the host you call.',
      cases: ['bu-01', 'bu-02', 'bu-03', 'bu-04', 'bu-05'],
    },
  },
  'key.wrong-type': {
    severity: 'error',
    title: 'The credential is another kind of token than this API expects',
    fix: (d) => {
      const expected = d['expectedKinds'];
      const kinds = Array.isArray(expected) ? expected.join(' or ') : text(expected);
      const kind = text(d['kind']);
      const provider = text(d['provider']);
      const what = kinds && /token$/i.test(kinds) ? kinds : `${kinds || 'secret API'} key`;
      return `Use ${provider ? `${provider}'s` : "the provider's"} ${what} here${kind ? `, not the ${kind} credential now in use` : ''}.`;
    },
    explain: {
      meaning:
        'The value is a real credential of this provider, but of a kind the endpoint does not accept: a publishable key where a secret key is needed, an object id or client secret, a session token, an ID token where an access token is expected, or a URL containing a key.',
      causes:
        'Stripe `pk_…` (publishable), `pi_…_secret_…` (PaymentIntent client secret) or `tok_…` (card token) pasted where the secret `sk_…` key belongs; a Slack `xoxc-` browser token that only works with its `d` cookie; a Cognito access token sent where the ID token is verified; a whole URL (webhook, CDN link) pasted into the key field.',
      confirm:
        '`why401 key --key-env NAME` names the kind it recognised and the kinds the provider expects. Error bodies that echo a masked key (`Invalid API Key provided: pi_…`) show the kind from the server side.',
      fix: "Get the right kind of credential from the provider's dashboard (API keys or developer section) and keep the other kinds for the places they are meant for (browser, client SDK, session).",
      cases: ['wv-01', 'wv-02', 'wv-03', 'wv-04', 'wv-05', 'wv-06', 'wv-07'],
    },
  },
  'key.wrong-environment': {
    severity: 'error',
    title: 'The credential is for another environment or role than the endpoint (test/live, admin)',
    fix: (d) => {
      const env = text(d['environment']);
      return `${env ? `This is ${/^[aeiou]/i.test(env) ? 'an' : 'a'} ${env} key: u` : 'U'}se the key of the environment the endpoint and its objects belong to, or call the host of the key's environment instead.`;
    },
    explain: {
      meaning:
        'The key is valid, but for another mode or role than the call needs: a test key against live objects or the reverse, a sandbox key against the production host, an admin key on a regular endpoint or a project key on an admin endpoint. Data created in one mode does not exist in the other.',
      causes:
        'Stripe `sk_test_…` and `sk_live_…` see separate objects ("a similar object exists in test mode, but a live mode key was used"); a server still runs with the old mode\'s key because it was not restarted; sandbox and production hosts are mixed in config; admin keys (`sk-admin-…`, `sk-ant-admin01-…`) only work on organisation endpoints.',
      confirm:
        "`why401 key --key-env NAME` shows the mode or role read from the key's prefix. `why401 check` shows the host; compare both with where the object or endpoint lives.",
      fix: 'Use one environment end to end (keys, hosts, object ids), restart long-running servers after switching keys, and keep test and live keys in separately named variables.',
      cases: ['sc-01'],
    },
  },
  'key.expired': {
    severity: 'error',
    title: 'The token is a JWT whose expiry time (exp) has passed',
    fix: (d) =>
      `Obtain a fresh token (this one expired ${text(d['expiredAt']) ?? 'already'}) and refresh it before it expires instead of storing it once.`,
    explain: {
      meaning:
        "The credential is a JWT and its `exp` claim lies in the past, measured against the server's clock when its `Date` header is known. Any server that verifies the token rejects it, however correct it was when issued.",
      causes:
        'Access tokens are short-lived on purpose (minutes to hours: GitHub App JWTs at most 10 minutes, Google OAuth tokens about an hour); a token copied into an env file or CI secret keeps working until it silently expires; a refresh flow failed or never ran. If `exp` is in the future locally but past on the server, a clock is wrong instead.',
      confirm:
        "`why401 key --key-env NAME` decodes the token offline and prints `exp` with how long ago it passed. `why401 check` compares it with the server's `Date`; a large difference there points to net.clock-skew.",
      fix: "Get a new token from its issuer and let the application refresh tokens (refresh token, client-credentials flow, the SDK's credential provider) instead of storing a static one.",
    },
  },
  'key.not-yet-valid': {
    severity: 'error',
    title: "The token is a JWT whose nbf or iat lies ahead of the server's clock",
    fix: (d) =>
      `Sync the clocks of the issuer and the server (the token is valid from ${text(d['notBefore']) ?? 'a time still in the future'}), or allow a small leeway when verifying.`,
    explain: {
      meaning:
        'The JWT\'s `nbf` (not before) or `iat` (issued at) claim is later than the verifying server\'s current time, so it is refused as "used before issued" or "can\'t be used before <time>". Even a few seconds are enough when the verifier allows no leeway.',
      causes:
        'The clock of the machine that issued or signed the token runs ahead of the verifier, or the verifier runs behind: WSL2 and Docker Desktop VMs drift after sleep, containers without time sync, a token signed locally with `iat = now` sent to a server whose clock lags.',
      confirm:
        "`why401 key --key-env NAME` prints `nbf`/`iat` decoded; `why401 check` compares them with the server's `Date` header and reports the skew.",
      fix: 'Sync the clocks (NTP/chrony; `wsl --shutdown` or `hwclock -s` in WSL; restart Docker Desktop), set `iat` a few seconds in the past when you issue tokens, or configure a small clock leeway in the verifier.',
      cases: ['ck-04', 'ck-05'],
    },
  },
  'key.expiring-soon': {
    severity: 'warning',
    title: 'The token expires within 7 days',
    fix: (d) =>
      `Rotate the token before ${text(d['expiresAt']) ?? 'it expires'} and update every place that stores it.`,
    explain: {
      meaning:
        "The credential still works, but a JWT `exp` claim or a provider header (such as GitHub's `github-authentication-token-expiration`) says it stops working within a week. A token whose whole life is a week or less (an OAuth access token lives an hour or a day, and the app fetches a new one) is meant to expire soon: it is reported only past 90% of its life.",
      causes:
        'Personal access tokens and other long-lived tokens are often created with an expiry date; when it passes, every job that uses the token fails with 401 at once.',
      confirm:
        '`why401 key --key-env NAME` prints the expiry of a JWT; `why401 check` also reads expiry headers the provider returns.',
      fix: 'Create the replacement now, update the secret stores and environments that hold the token, then revoke the old one; prefer tokens the application can refresh by itself.',
    },
  },
  'key.basic-malformed': {
    severity: 'error',
    title:
      'The Basic credential is not base64 of user:secret, or its decoded form ends in a newline',
    fix: "Build the Basic value from `user:secret` without a newline: `curl -u user:secret`, `printf %s \"user:secret\" | base64`, or `Buffer.from(user + ':' + secret).toString('base64')`.",
    explain: {
      meaning:
        'A `Basic` credential must be the base64 encoding of `user:password`. This one does not decode, has no colon in its decoded form, or decodes to `user:password` followed by a newline, so the server compares the wrong password.',
      causes:
        "`echo user:pass | base64` encodes echo's trailing newline (the result ends differently from `curl -u`, e.g. `ZAo=` instead of `ZA==` for `user:password`); the token alone was encoded without the `user:` part or the colon the provider expects (Mailgun wants `api:<key>`, Stripe `<key>:`); base64url or a double encoding was used.",
      confirm:
        '`why401 key` decodes the Basic value and reports a missing colon or a trailing `\\n` without printing the secret. Sending the same credentials with `curl -u user:secret` and comparing the result confirms it.',
      fix: "Let the client build the header (`curl -u`, `requests` `auth=(user, secret)`, the SDK's basic auth option), or encode with `printf %s` / `echo -n`, with exactly the username and separator the provider documents.",
      cases: ['ws-13'],
    },
  },
};
