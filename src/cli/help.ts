import { VERSION } from '../version.js';

export const HELP = `why401 ${VERSION}: why was this API call refused, and how do I fix it?

Usage: why401 <command> [options]

Commands
  check [url]            send the request, diagnose the answer (the main command)
  curl <curl args…>      the same, for a pasted curl command line
  token --token-url URL  diagnose an OAuth token request (client_credentials, refresh_token)
  key                    lint a credential offline: shape, provider, hidden characters, expiry
  env <NAME> | --all     where a variable's value comes from, and which source wins
  explain <id | status>  the long form of a finding id, or what 401/403/404/407/429 mean
  providers [id]         the provider catalog: auth format, key shapes, validation request
  capture --target URL   a local reverse proxy: shows and checks what an app sends (--ui: live view)
                         --forward: the same as a forward proxy for any host, HTTPS included
  run -- <command…>      run any app (Node, Python, Go, Java, Ruby, curl…), diagnose its refused calls
  echo [--port N]        a local server that shows exactly what arrives (hidden characters shown)
  demo                   a built-in sandbox API with real failure modes, diagnosed one by one

Examples
  why401 demo
  why401 check https://api.openai.com/v1/models --key-env OPENAI_API_KEY
  why401 check --provider github --key-env GITHUB_TOKEN
  why401 curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/me
  why401 key --key-file ./token.txt --provider stripe
  why401 explain key.newline
  why401 capture --target https://api.openai.com --ui
  why401 run -- node app.js

Exit codes
  0 accepted / no error found · 1 an authentication problem was found · 2 usage error
  3 no HTTP answer (unreachable, TLS) · 4 internal error

Secrets are redacted everywhere unless --reveal is given. Colour follows NO_COLOR and --no-color.
Run why401 <command> --help for a command's options.`;
