import type { FamilyCatalog } from './family.js';

export const netFindings: FamilyCatalog<'net'> = {
  'net.redirect-drops-auth': {
    severity: 'error',
    title: 'A redirect to another origin dropped the Authorization header',
    fix: (d) =>
      `Call the final URL directly (${d['to'] ?? 'the Location of the redirect'}) instead of ${d['from'] ?? 'the redirecting URL'}: usually add the trailing slash or use https; if the server builds http:// Locations behind a TLS proxy, fix its forwarded-proto handling.`,
    explain: {
      meaning:
        'The first URL answered 3xx with a Location on another origin (scheme, host or port). Clients strip Authorization when they follow a cross-origin redirect so the credential does not leak, and the second server, seeing no credential, answers 401.',
      causes:
        'Trailing-slash redirects (FastAPI redirect_slashes sends 307 from /items to /items/, routers send 301) built with the internal http:// scheme behind a TLS-terminating proxy, so https to http counts as a new origin; or a redirect to another host. fetch and undici drop the header by the Fetch standard, python-requests drops it on a host change, curl does not resend it to another host without --location-trusted, and .NET HttpClient never forwards it on redirects.',
      confirm:
        'Send the request with redirects off (curl without -L, fetch with redirect: "manual") and compare the origin of Location with the original URL; then send the credential straight to the final URL: if that succeeds, the redirect was the cause. `why401 check` does both.',
      fix: 'Use the canonical URL so no redirect happens. On the server, trust X-Forwarded-Proto from the proxy (uvicorn --proxy-headers with --forwarded-allow-ips) so Locations keep https. Re-attaching the header on redirects (--location-trusted) is safe only when you trust the target host.',
      cases: ['rd-01', 'rd-02', 'rd-03', 'rd-04', 'rd-05', 'rd-06', 'rd-07'],
    },
  },
  'net.insecure-scheme': {
    severity: 'warning',
    title:
      'The API is called over plain http://: the key travels unencrypted and the https redirect drops it',
    fix: (d) =>
      `Use https:// for ${d['host'] ?? 'this host'}, and rotate the key if it crossed a network you do not control: it was sent in clear text.`,
    explain: {
      meaning:
        'The URL uses http:// for a host that is not local, so the credential crosses the network readable by anyone on the path. Most APIs answer with a 301 or 308 to https://, and because the scheme change makes a new origin, the client drops Authorization on the follow-up request.',
      causes:
        'A base URL typed or copied without the s, a setting carried over from local development, or old documentation. The symptom is often a 401 after a redirect, or a 403 saying https is required.',
      confirm:
        'The request URL starts with http:// and the host is not localhost, 127.0.0.1 or ::1; the response is a redirect whose Location is the same URL with https://.',
      fix: 'Change the base URL to https://. Treat a key that was sent over plain http across an untrusted network as exposed and rotate it.',
    },
  },
  'net.proxy-configured': {
    severity: 'info',
    title:
      'A proxy from the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) applies to this request',
    fix: (d) =>
      `Requests to ${d['host'] ?? 'this host'} go through ${d['proxy'] ?? 'the configured proxy'}; if that is not intended, add the host to NO_PROXY or unset the proxy variable.`,
    explain: {
      meaning:
        'HTTP_PROXY, HTTPS_PROXY or ALL_PROXY (upper or lower case) point at a proxy and NO_PROXY does not exclude this host, so clients that honour them (curl, python-requests, Go) send the request through it. Context, not a fault: it explains 407s, TLS interception errors and headers that go missing on the way.',
      causes:
        'A corporate network, variables left over from a VPN or a debugging proxy (mitmproxy, Charles, Fiddler), or NO_PROXY written in a syntax this client does not understand (leading dots, wildcards and CIDR ranges differ between tools). The built-in fetch of Node ignores these variables unless configured to use them (for example an undici EnvHttpProxyAgent), so tools on one machine can disagree.',
      confirm:
        'List the variables (env | grep -i proxy) and compare a request through the proxy with one sent directly (the host in NO_PROXY); `why401 check` reports both.',
      fix: 'Keep the proxy if your network requires it; otherwise add the API host to NO_PROXY or unset the variables for this process.',
    },
  },
  'net.proxy-strips-auth': {
    severity: 'error',
    title: 'A proxy or reverse proxy removes or replaces the credential on the way to the API',
    fix: (d) =>
      `Make ${d['proxy'] ?? 'the proxy'} forward Authorization unchanged (remove proxy_set_header Authorization "" in nginx; set CGIPassAuth On or a SetEnvIf rule in Apache), or move the proxy's own token to a separate header.`,
    explain: {
      meaning:
        'Sent directly, the credential arrives; sent through the proxy, the API sees none or a different one. The API then reports a missing or invalid credential although the client sent a good one.',
      causes:
        'An nginx site config with proxy_set_header Authorization ""; Apache running PHP through CGI or FastCGI, which does not pass Authorization to the script unless CGIPassAuth or SetEnvIf re-exports it; a proxy that injects its own Authorization (a Cloud Run proxy overwriting the app\'s bearer with a Google ID token); header names with underscores, which nginx drops by default (see header.underscore-name).',
      confirm:
        'Send the same request directly to the upstream and through the proxy: success only when direct proves it; Server and Via headers name the proxy. An echo endpoint or the access log of the upstream shows what arrived. `why401 check` runs the comparison.',
      fix: 'Fix the proxy config so it passes Authorization through untouched, or have the proxy put its own credential in another header (X-Serverless-Authorization for Cloud Run) so the two do not collide.',
      cases: ['px-01', 'px-02', 'pr-02'],
    },
  },
  'net.clock-skew': {
    severity: 'warning',
    title: 'The local clock and the server clock differ by more than 60 seconds',
    fix: (d) =>
      `Sync the local clock (off by ${d['skewSeconds'] ?? 'more than 60'} s; server Date: ${d['serverDate'] ?? 'unknown'}): enable NTP (timedatectl set-ntp true, w32tm /resync); for WSL2 run wsl --shutdown or sudo hwclock -s; restart Docker Desktop after sleep.`,
    explain: {
      meaning:
        'The Date header of the server and the local clock disagree by more than a minute. Signed and time-bound credentials are checked against the server clock, so JWTs (iat, nbf, exp), AWS SigV4 signatures (about 5 minutes of tolerance) and HMAC timestamps (Binance recvWindow, 5 s by default) are rejected even though the secret is right.',
      causes:
        'WSL2 and Docker Desktop VMs whose clock stops while the laptop sleeps and is not resynced on wake; hosts or containers without NTP; a token issuer whose own clock is off. The errors read "Signature expired", "Timestamp for this request was 1000ms ahead of the server\'s time" (-1021), "token used before issued" or "Clock skew detected".',
      confirm:
        'Compare date -u with the Date response header (`why401 check` does); inside WSL or a container, compare with the clock of the host too. Decode the JWT and compare iat and nbf with the server time.',
      fix: 'Resync the clock and keep NTP enabled; for WSL2, wsl --shutdown (or hwclock -s) after sleep, for Docker Desktop a restart. Retrying with a freshly signed request after the sync is enough; no key change is needed.',
      cases: ['ck-01', 'ck-02', 'ck-03', 'ck-04', 'ck-05', 'ck-06', 'ck-07'],
    },
  },
  'net.tls-error': {
    severity: 'error',
    title: 'The TLS handshake failed, so no HTTP request was sent',
    fix: (d) =>
      `Fix the certificate problem (${d['code'] ?? 'TLS error'} for ${d['host'] ?? 'this host'}): trust your network's proxy CA with NODE_EXTRA_CA_CERTS (or SSL_CERT_FILE, REQUESTS_CA_BUNDLE), use the host name the certificate is issued for, and check the clock; do not disable verification.`,
    explain: {
      meaning:
        'A connection was made but the TLS handshake failed, so the request, and the credential, never reached the API. Nothing can be said about the key.',
      causes:
        'A corporate proxy or antivirus intercepting TLS with its own root CA, which Node does not trust because it uses its bundled CA list, not the OS store (SELF_SIGNED_CERT_IN_CHAIN, UNABLE_TO_GET_ISSUER_CERT_LOCALLY); a self-signed certificate on an internal gateway; a host name or IP that the certificate does not cover (ERR_TLS_CERT_ALTNAME_INVALID); an expired certificate, or a wrong local clock that makes a valid one look expired.',
      confirm:
        'openssl s_client -connect <host>:443 -servername <host> shows the chain: an issuer named after a proxy or security vendor means interception. The same call from another network, or without the proxy, succeeds.',
      fix: 'Add the intercepting CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem (SSL_CERT_FILE or REQUESTS_CA_BUNDLE for other tools), call the host name on the certificate, fix the clock. NODE_TLS_REJECT_UNAUTHORIZED=0 is for a one-off test at most: it exposes the key to whoever is in the middle.',
    },
  },
  'net.unreachable': {
    severity: 'error',
    title: 'No HTTP answer: DNS lookup, connection or timeout failed',
    fix: (d) =>
      d['stage'] === 'answer'
        ? `${d['host'] ?? 'The host'} accepted the connection but sent nothing back in time: it is reachable, so the name and DNS are fine; the server (or a proxy in front of it) is slow or stuck. Retry with a longer --timeout, check the service's status or logs, and send the request to the port that speaks this protocol (http vs https).`
        : `Check that ${d['host'] ?? 'the host'} is spelled right and reachable from here (${d['code'] ?? 'network error'}): DNS (nslookup), VPN, firewall and proxy settings.`,
    explain: {
      meaning:
        'The request failed before any HTTP status came back: DNS lookup (ENOTFOUND, EAI_AGAIN), connection (ECONNREFUSED, ECONNRESET) or timeout (ETIMEDOUT, UND_ERR_CONNECT_TIMEOUT); Node\'s fetch reports "fetch failed" with the real error as its cause. The credential was never checked.',
      causes:
        'A typo in the base URL or a regional host that does not exist, a host only resolvable on a VPN or private DNS, a firewall blocking egress, a required proxy that is not configured (or a configured one that is down), localhost inside a container pointing at the container itself, or a provider outage.',
      confirm:
        'Resolve and connect by hand: nslookup <host>, curl -v https://<host>/. Compare with another network and check the proxy variables (net.proxy-configured).',
      fix: 'Correct the host, connect the VPN or proxy it needs, or open the firewall. Retry timeouts and resets with backoff; a DNS failure for a misspelled host will not fix itself.',
    },
  },
};
