import type { FindingData } from '../types.js';
import type { FamilyCatalog } from './family.js';

/** A data value as text: lists joined; absent or empty values left to the caller's fallback. */
function text(value: FindingData[string]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const out = Array.isArray(value) ? value.join(', ') : String(value);
  return out === '' ? undefined : out;
}

/** `file:line` when both are known, the file alone otherwise. */
function where(d: FindingData): string | undefined {
  const file = text(d['file']);
  const line = text(d['line']);
  return file && line ? `${file}:${line}` : file;
}

export const envFindings: FamilyCatalog<'env'> = {
  'env.unset': {
    severity: 'error',
    title: 'The variable is not set in the process environment',
    fix: (d) =>
      `Set ${text(d['name']) ?? 'the variable'} in the environment of the process that makes the call (export it, load the .env file at startup, or pass it to the container or child process).`,
    explain: {
      meaning:
        'The variable the credential is read from does not exist in the environment of the process: code that reads it gets `undefined` (Node), `None` (Python) or an empty string (shell), and usually sends that as the key.',
      causes:
        'It was exported in another terminal or shell profile that this process did not inherit; it is defined in a .env file that nothing loads; it was set for one process but the call comes from another (an MCP server started from its own config, a CI step, a systemd service, an IDE run configuration with its own environment).',
      confirm:
        '`why401 env NAME` reports that the process environment lacks it and lists every file that defines it (.env files, compose files, Dockerfiles, Kubernetes manifests). `why401 check --key-env NAME` reports it and sends the request as the app would, without a key.',
      fix: "Provide the variable to the process that makes the call: export it in the same shell, load the .env file at startup, add it to the container's or service's environment, or to the config of the tool that spawns the process.",
    },
  },
  'env.similar-name': {
    severity: 'error',
    title: 'The variable is unset, but a variable with a similar name is set',
    fix: (d) =>
      `Rename ${text(d['similar']) ?? 'the similar variable'} to ${text(d['name']) ?? 'the name the code reads'}, or make the code read the name that is actually set.`,
    explain: {
      meaning:
        'The name the code or SDK reads is not set, while a close variant is: `OPENAI_KEY` for `OPENAI_API_KEY`, `AZURE_OPENAI_API_KEY` for `OPENAI_API_KEY`, `VITE_API_TOKEN` for `API_TOKEN`. The value exists, under the wrong name.',
      causes:
        'The .env file follows one tutorial and the library another; an SDK changed its variable names between versions; a framework prefix was added in one place only; a typo. Libraries usually fall back silently to no key or a default endpoint.',
      confirm:
        "`why401 env NAME` lists set variables whose names are close to NAME, with their sources. Check the library's documentation for the exact names it reads.",
      fix: 'Use the exact name the code reads, in every source (.env, compose, CI secrets); if both names must exist, set both from the same secret rather than copying the value by hand.',
      cases: ['en-04', 'en-05'],
    },
  },
  'env.framework-prefix': {
    severity: 'error',
    title: "Browser code cannot see this variable: it lacks the framework's public prefix",
    fix: (d) =>
      `Call the API from server code that reads ${text(d['name']) ?? 'the variable'}; only a key meant to be public may be renamed to ${text(d['prefix']) ?? 'VITE_ / NEXT_PUBLIC_'}${text(d['name']) ?? 'NAME'}, since it then ships to every browser.`,
    explain: {
      meaning:
        'Front-end build tools only put prefixed variables into the browser bundle: `VITE_` for Vite (`import.meta.env`), `NEXT_PUBLIC_` for Next.js, `REACT_APP_` for Create React App, `PUBLIC_` for SvelteKit and Astro. Any other name is `undefined` in the browser, so the request goes out as `Bearer undefined` or without a key.',
      causes:
        "The variable was named after the provider (`API_TOKEN`) or after another framework's convention (`PUBLIC_API_TOKEN` read through Vite); the code works in server code or tests, where the full environment exists, and fails in the browser.",
      confirm:
        "`why401 env NAME` notes which framework it detected and whether the name has its prefix; in the browser's devtools the request shows the header value `Bearer undefined` or no credential.",
      fix: "Secret keys must not reach the browser: add a server route that holds the key and calls the API. For keys meant to be public (publishable or restricted keys), use the framework's prefix and rebuild, because these values are inlined at build time.",
      cases: ['en-01', 'en-03', 'en-04'],
    },
  },
  'env.not-loaded': {
    severity: 'error',
    title: 'The variable is defined in a .env file but absent from the process environment',
    fix: (d) =>
      `Load ${text(d['file']) ?? 'the .env file'} at startup (\`import 'dotenv/config'\`, \`node --env-file=.env\`, \`load_dotenv()\`) from the directory that contains it.`,
    explain: {
      meaning:
        'The value is in a .env file, but the running process never received it. A .env file is just a file: nothing reads it unless a loader does.',
      causes:
        'No loader is called (`dotenv`, `node --env-file`, python-dotenv `load_dotenv()`); the loader runs after the SDK client was created; the process starts in another working directory and the loader looks for `.env` there; the file has another name (`.env.local`) than the one loaded.',
      confirm:
        '`why401 env NAME` shows the definition in the file and its absence from the process environment, with the file and line.',
      fix: 'Load the file before anything reads the variable, with an explicit path if the working directory can vary (`dotenv.config({ path })`, `load_dotenv(path)`), or export the variables in the environment that starts the process.',
      cases: ['en-02'],
    },
  },
  'env.stale': {
    severity: 'error',
    title: 'The process environment holds a different value than the .env file now does',
    fix: (d) =>
      `Restart the process that holds the old value of ${text(d['name']) ?? 'the variable'} (new terminal, restarted server or IDE, \`docker compose up -d\` to recreate containers).`,
    explain: {
      meaning:
        'The value the process sees differs from what the .env file contains now: the file was edited after the process (or its parent shell, IDE or container) read it. Environments are copied at process start and never re-read.',
      causes:
        'The key was rotated in .env while a dev server, IDE or terminal kept running; `docker compose restart` restarts containers with their old environment and does not re-read `env_file` (only `docker compose up` recreates them); Kubernetes pods keep env values from a Secret until they are restarted.',
      confirm:
        "`why401 env NAME` compares the fingerprints of the process value and the file value without showing either. If the file's key works with `why401 check --key-file` or `--key-env` in a fresh shell, the running process is stale.",
      fix: 'Restart what holds the old value: open a new terminal, restart the dev server or IDE, recreate containers with `docker compose up -d` (or `--force-recreate`), `kubectl rollout restart` for pods.',
      cases: ['st-04', 'st-05', 'st-06'],
    },
  },
  'env.shadowed': {
    severity: 'error',
    title: 'An exported shell variable overrides the value in the .env file',
    fix: (d) =>
      `Unset ${text(d['name']) ?? 'the variable'} in the shell and remove its export from your shell profile, or load the .env file with override enabled.`,
    explain: {
      meaning:
        'The variable is set both in the environment the process inherited and in the .env file, with different values. Loaders do not overwrite existing variables by default (Node dotenv, `node --env-file`, python-dotenv), so the inherited value wins and the file is ignored.',
      causes:
        "An old key exported in `~/.bashrc`, `~/.zshrc`, `~/.profile`, a Windows user variable or a CI setting; the new key was put only in the project's .env. The app keeps sending the old key, while curl with the .env value works.",
      confirm:
        '`why401 env NAME` shows both sources with different fingerprints and marks the process environment as the winner. `env | grep -c NAME` in the shell that starts the app confirms it is exported.',
      fix: 'Remove the stale export (and `unset NAME` in open shells), or load with `dotenv.config({ override: true })` / `load_dotenv(override=True)` when the file should win.',
      cases: ['st-01', 'st-02', 'st-03'],
    },
  },
  'env.duplicate': {
    severity: 'warning',
    title: 'The variable is defined more than once in the same file',
    fix: (d) =>
      `Keep a single definition of ${text(d['name']) ?? 'the variable'} in ${where(d) ?? 'the file'} and delete the others.`,
    explain: {
      meaning:
        'The same name appears on several lines of one file. Only one of them takes effect, most loaders keep the last, so editing the other line changes nothing.',
      causes:
        'A new key was appended at the end of the file while the old line stayed; two example files were merged; a commented-out line was re-enabled.',
      confirm:
        '`why401 env NAME` lists each definition with its line and fingerprint and says which one the loader uses.',
      fix: 'Delete the extra lines so that the name is defined once, with the value you mean.',
    },
  },
  'env.crlf': {
    severity: 'warning',
    title: 'The env file has Windows (CRLF) line endings',
    fix: (d) =>
      `Convert ${text(d['file']) ?? 'the file'} to LF line endings (\`dos2unix\`, or your editor's line-ending setting) and add \`*.env text eol=lf\` to .gitattributes.`,
    explain: {
      meaning:
        'Each line of the file ends in CR LF. Loaders that split on LF only keep the CR at the end of every value, so the key is sent with a trailing `\\r` or refused by the HTTP client.',
      causes:
        'The file was written on Windows, or checked out with `core.autocrlf=true`. Current dotenv libraries handle CRLF, but shell `source .env`, `set -a; . ./.env`, `export $(cat .env | xargs)` and hand-written parsers keep the CR.',
      confirm:
        '`why401 env NAME` reports the line endings of each file; `file .env` says "with CRLF line terminators". `why401 key --key-env NAME` shows whether the loaded value ends in `\\r`.',
      fix: 'Save the file with LF endings and pin them in .gitattributes so a Windows checkout does not bring CRLF back.',
    },
  },
  'env.quotes-kept': {
    severity: 'error',
    title: 'The loader keeps the quotes around the value',
    fix: (d) =>
      `Remove the quotes around the value at ${where(d) ?? 'its definition'}: ${text(d['tool']) ?? 'this loader'} stores them as part of the key.`,
    explain: {
      meaning:
        'The value is written with quotes, and the tool that reads it does not remove them, so the key starts and ends with a quote character. Whether quotes are stripped depends entirely on the loader.',
      causes:
        'A docker-compose `environment:` list item `- KEY="…"` keeps the quotes (the map form `KEY: "…"` is YAML and removes them); `docker run --env-file` and older Compose `env_file` take values literally, so a file quoted for python-dotenv breaks there; cmd.exe `set KEY="…"` stores them.',
      confirm:
        '`why401 env NAME` names the loader and the line; `why401 key --key-env NAME` in the container or shell shows the quote characters at both ends of the value.',
      fix: 'Write the value without quotes for loaders that take it literally, use the compose map syntax if you need quoting, and `set "KEY=…"` in cmd. Recreate the container or restart the process afterwards.',
      cases: ['qt-02', 'qt-03'],
    },
  },
  'env.file-precedence': {
    severity: 'info',
    title: 'Several .env files define the variable; one of them wins',
    fix: (d) =>
      `Edit the value in ${text(d['winner']) ?? 'the file that wins'}, which ${text(d['tool']) ?? 'the loader'} uses over the others, or remove the other definitions.`,
    explain: {
      meaning:
        'The name is defined in more than one env file (`.env`, `.env.local`, `.env.development`, `.env.production.local`…). Tools load them in a fixed order, and only one value reaches the process; editing another file has no effect.',
      causes:
        'Vite prefers `.env.[mode].local`, then `.env.[mode]`, then `.env.local`, then `.env`; Next.js prefers `.env.[mode].local`, then `.env.local` (skipped in test), then `.env.[mode]`, then `.env`; plain dotenv reads only `.env`. A variable already in the environment beats all files, and a forgotten `.env.local` often holds an old key.',
      confirm:
        '`why401 env NAME` lists every file that defines the name, with fingerprints, and marks the winner for the detected tool.',
      fix: 'Keep the key in one file, the one the tool gives priority to for your mode, and delete stale copies in the others.',
    },
  },
  'env.docker-baked': {
    severity: 'warning',
    title: 'A Dockerfile ENV or ARG sets the variable, fixing its value at build time',
    fix: (d) =>
      `Remove ${text(d['name']) ?? 'the variable'} from ${where(d) ?? 'the Dockerfile'} and pass it at run time (\`environment:\`, \`env_file:\`, \`docker run -e\`, or a secret).`,
    explain: {
      meaning:
        'The image sets the variable itself, so its value is whatever it was when the image was built. Changing the .env file later has no effect until the image is rebuilt, and anyone who can pull the image can read the value (`docker history`, `docker inspect`).',
      causes:
        '`ENV API_KEY=…` or `ARG API_KEY` used to get a key into a build; front-end builds (Vite, Next.js `NEXT_PUBLIC_`) inline variables at `npm run build`, so a key present during the image build is frozen in the bundle.',
      confirm:
        '`why401 env NAME` shows the Dockerfile line that sets it. `docker image inspect <image>` lists the baked `ENV` values (this prints them: do it only on your own machine).',
      fix: 'Pass secrets at run time (compose `environment:`/`env_file:`, `docker run -e`, Docker or Kubernetes secrets, BuildKit `--secret` for build-only needs), rebuild the image, and rotate any key that was baked into a pushed image.',
    },
  },
  'env.compose-mismatch': {
    severity: 'warning',
    title: 'docker-compose gives the container a different value than the .env file',
    fix: (d) =>
      `Make ${where(d) ?? 'the compose file'} take ${text(d['name']) ?? 'the variable'} from one source, then recreate the container with \`docker compose up -d\`.`,
    explain: {
      meaning:
        "The value the container receives from docker-compose (`environment:` or `env_file:`) differs from the project's .env file. Inside the container, only the compose value exists.",
      causes:
        'The `.env` next to the compose file is used for `${VAR}` interpolation in the compose file, not passed into containers unless referenced; `environment:` overrides `env_file:`; a variable in the shell that runs compose overrides the `.env` value during interpolation; a hard-coded value was left in `environment:`.',
      confirm:
        '`why401 env NAME` shows the compose value and the .env value with fingerprints. `docker compose config` prints the resolved configuration (it includes the values: do not paste its output anywhere).',
      fix: 'Reference the variable in one way only (`environment: [API_KEY]` or `API_KEY: ${API_KEY}` to pass it through, or one `env_file:`), remove hard-coded values, and recreate the container.',
    },
  },
  'env.k8s-newline': {
    severity: 'error',
    title: 'A Kubernetes Secret holds the value with a trailing newline',
    fix: 'Recreate the Secret without the newline (`kubectl create secret generic … --from-literal`, `printf %s`, or `stringData:`), then restart the pods that use it.',
    explain: {
      meaning:
        'The Secret\'s data decodes to the key followed by `\\n`. Mounted as an env variable or file, the value carries the newline, and clients refuse to send it (Node `ERR_INVALID_CHAR`, Go "invalid header field value") or the server rejects it.',
      causes:
        '`kubectl create secret --from-file` with a file that ends in a newline (most editors add one); `echo "…" | base64` for the `data:` field, where echo adds `\\n` before encoding; tooling that renders values with a final newline.',
      confirm:
        "`kubectl get secret <name> -o jsonpath='{.data.<key>}' | base64 -d | tail -c 1 | od -c` shows only the last byte (`\\n` means the problem). `why401 env NAME` reports it from the manifest.",
      fix: 'Create the Secret from a literal or with `printf %s … | base64` / `echo -n`, or use `stringData:`; then `kubectl rollout restart` the workloads, since pods keep the old env value.',
      cases: ['ws-01', 'ws-04', 'ws-05'],
    },
  },
  'env.netrc': {
    severity: 'warning',
    title: 'A .netrc entry for this host can replace the explicit Authorization header',
    fix: (d) =>
      `Remove the entry for this host from ${text(d['file']) ?? '~/.netrc'}, or stop the client from reading it (requests: \`session.trust_env = False\` or an explicit \`auth=\`).`,
    explain: {
      meaning:
        'Some clients read `~/.netrc` (or the file named by `NETRC`) and send its login and password as Basic auth for the matching host, replacing an `Authorization` header you set yourself. The server then sees Basic credentials instead of your token.',
      causes:
        'python-requests applies netrc credentials when no `auth=` is given, even over an explicit header; older httpx did the same; curl does with `-n`/`--netrc`; rest-client let them overwrite a `Token` header. Some tools create or edit `~/.netrc` silently. Node clients do not read it.',
      confirm:
        '`why401 env NAME` reports a netrc entry for the target host. Run the client with `NETRC` pointing at an empty file: if the call then works, netrc was the cause.',
      fix: "Delete the host's entry if it is unused, or pass the credential explicitly as the client's `auth=` (an auth object that sets the Bearer header) or disable environment lookups (`trust_env = False`), so netrc cannot take over.",
      cases: ['am-01', 'am-02', 'am-03', 'am-04'],
    },
  },
  'env.base-url-override': {
    severity: 'warning',
    title: 'A base-URL variable sends the SDK to another host',
    fix: (d) =>
      `Unset ${text(d['name']) ?? 'the base-URL variable'}, or set it to the host that issued your key.`,
    explain: {
      meaning:
        "A variable such as `OPENAI_BASE_URL` or `ANTHROPIC_BASE_URL` is set, and the SDK sends every request there instead of the provider's default host. A key sent to a host that did not issue it is rejected.",
      causes:
        'A leftover from trying a proxy, relay or local model server, set in a shell profile or .env file and forgotten; a tool upgrade that starts honouring a variable it ignored before; a base URL meant for one project picked up by another.',
      confirm:
        '`why401 env NAME` shows where the base-URL variable is set; `why401 check` shows the host actually called and whether the key fits it.',
      fix: 'Remove the variable where it is set (profile, .env, IDE config) or correct it, and start a new process so the SDK no longer sees it.',
      cases: ['bu-03'],
    },
  },
};
