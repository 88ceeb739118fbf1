/**
 * Every option of curl's command line, as data: curl's own option table (`aliases[]` in
 * src/tool_getparam.c), the union of curl 7.88.1 and curl 8.x (master, 2026): name, short
 * letter (`-` for none), and kind:
 *   v   takes a value (curl's ARG_STRG, ARG_FILE, ARG_SECS, ARG_UNUM): the next word, or the rest
 *       of a short option's word (`-XPOST`); never `--name=value`, which curl does not read
 *   b   a boolean (ARG_BOOL): `--no-NAME` turns it off
 *   f   a flag that takes nothing (ARG_NONE)
 *   vs  a value curl itself treats as a secret (ARG_CLEAR: curl blanks it from its argv)
 * Regenerate from curl's source when curl adds options; why401 refuses an option not listed.
 */
export const CURL_OPTION_TABLE = `
abstract-unix-socket - v
alpn - b
alt-svc - v
anyauth - f
append a b
aws-sigv4 - v
basic - b
buffer N b
ca-native - b
cacert - v
capath - v
cert E vs
cert-status - b
cert-type - v
ciphers - v
clobber - b
compressed - b
compressed-ssh - b
config K v
connect-timeout - v
connect-to - v
continue-at C v
cookie b v
cookie-jar c v
create-dirs - b
create-file-mode - v
crlf - b
crlfile - v
curves - v
data d v
data-ascii - v
data-binary - v
data-raw - v
data-urlencode - v
delegation - v
digest - b
disable q b
disable-eprt - b
disable-epsv - b
disallow-username-in-url - b
dns-interface - v
dns-ipv4-addr - v
dns-ipv6-addr - v
dns-servers - v
doh-cert-status - b
doh-insecure - b
doh-url - v
dump-ca-embed - f
dump-header D v
ech - v
egd-file - v
engine - v
eprt - b
epsv - b
etag-compare - v
etag-save - v
expect100-timeout - v
fail f b
fail-early - b
fail-with-body - b
false-start - b
follow - b
form F v
form-escape - b
form-string - v
ftp-account - v
ftp-alternative-to-user - v
ftp-create-dirs - b
ftp-method - v
ftp-pasv - f
ftp-port P v
ftp-pret - b
ftp-skip-pasv-ip - b
ftp-ssl - b
ftp-ssl-ccc - b
ftp-ssl-ccc-mode - v
ftp-ssl-control - b
ftp-ssl-reqd - b
get G b
globoff g b
happy-eyeballs-timeout-ms - v
haproxy-clientip - v
haproxy-protocol - b
head I b
header H v
help h f
hostpubmd5 - v
hostpubsha256 - v
hsts - v
http0.9 - b
http1.0 0 f
http1.1 - f
http2 - f
http2-prior-knowledge - f
http3 - f
http3-only - f
httpsig-algo - v
httpsig-headers - v
httpsig-key - vs
httpsig-keyid - v
ignore-content-length - b
include - b
insecure k b
interface - v
ip-tos - v
ipfs-gateway - v
ipv4 4 f
ipv6 6 f
json - v
junk-session-cookies j b
keepalive - b
keepalive-cnt - v
keepalive-time - v
key - v
key-type - v
knownhosts - v
krb - v
krb4 - v
libcurl - v
limit-rate - v
list-only l b
local-port - v
location L b
location-trusted - b
login-options - v
mail-auth - v
mail-from - v
mail-rcpt - v
mail-rcpt-allowfails - b
manual M b
max-filesize - v
max-redirs - v
max-time m v
metalink - b
mptcp - b
negotiate - b
netrc n b
netrc-file - v
netrc-optional - b
next : f
noproxy - v
npn - b
ntlm - b
ntlm-wb - b
oauth2-bearer - vs
out-null - b
output o v
output-dir - v
parallel Z b
parallel-immediate - b
parallel-max - v
parallel-max-host - v
pass - vs
path-as-is - b
pinnedpubkey - v
post301 - b
post302 - b
post303 - b
preproxy - v
progress-bar # b
progress-meter - b
proto - v
proto-default - v
proto-redir - v
proxy x v
proxy-anyauth - b
proxy-basic - b
proxy-ca-native - b
proxy-cacert - v
proxy-capath - v
proxy-cert - vs
proxy-cert-type - v
proxy-ciphers - v
proxy-crlfile - v
proxy-digest - b
proxy-header - v
proxy-http2 - b
proxy-http3 - b
proxy-insecure - b
proxy-key - v
proxy-key-type - v
proxy-negotiate - b
proxy-ntlm - b
proxy-pass - vs
proxy-pinnedpubkey - v
proxy-service-name - v
proxy-ssl-allow-beast - b
proxy-ssl-auto-client-cert - b
proxy-tls13-ciphers - v
proxy-tlsauthtype - v
proxy-tlspassword - vs
proxy-tlsuser - vs
proxy-tlsv1 - f
proxy-user U vs
proxy1.0 - v
proxytunnel p b
pubkey - v
quote Q v
random-file - v
range r v
rate - v
raw - b
referer e v
remote-header-name J b
remote-name O b
remote-name-all - b
remote-time R b
remove-on-error - b
request X v
request-target - v
resolve - v
retry - v
retry-all-errors - b
retry-connrefused - b
retry-delay - v
retry-max-time - v
sasl-authzid - v
sasl-ir - b
service-name - v
sessionid - b
show-error S b
show-headers i b
sigalgs - v
silent s b
skip-existing - b
socks4 - v
socks4a - v
socks5 - v
socks5-basic - b
socks5-gssapi - b
socks5-gssapi-nec - b
socks5-gssapi-service - v
socks5-hostname - v
speed-limit Y v
speed-time y v
ssl - b
ssl-allow-beast - b
ssl-auto-client-cert - b
ssl-no-revoke - b
ssl-reqd - b
ssl-revoke-best-effort - b
ssl-sessions - v
sslv2 2 f
sslv3 3 f
stderr - v
styled-output - b
suppress-connect-headers - b
tcp-fastopen - b
tcp-nodelay - b
telnet-option t v
test-duphandle - b
test-event - b
tftp-blksize - v
tftp-no-options - b
time-cond z v
tls-earlydata - b
tls-max - v
tls13-ciphers - v
tlsauthtype - v
tlspassword - vs
tlsuser - vs
tlsv1 1 f
tlsv1.0 - f
tlsv1.1 - f
tlsv1.2 - f
tlsv1.3 - f
tr-encoding - b
trace - v
trace-ascii - v
trace-config - v
trace-ids - b
trace-time - b
unix-socket - v
upload-file T v
upload-flags - v
url - v
url-query - v
use-ascii B b
user u vs
user-agent A v
variable - v
verbose v b
version V b
vlan-priority - v
wdebug - b
write-out w v
xattr - b
`;

export interface CurlOption {
  readonly name: string;
  readonly short: string | undefined;
  readonly value: boolean;
  readonly bool: boolean;
  readonly secret: boolean;
}

function load(): { long: Map<string, CurlOption>; short: Map<string, CurlOption> } {
  const long = new Map<string, CurlOption>();
  const short = new Map<string, CurlOption>();
  for (const line of CURL_OPTION_TABLE.split('\n')) {
    const [name, letter, kind] = line.split(' ');
    if (!name || !letter || !kind) continue;
    const option: CurlOption = {
      name,
      short: letter === '-' ? undefined : letter,
      value: kind.startsWith('v'),
      bool: kind === 'b',
      secret: kind === 'vs',
    };
    long.set(name, option);
    if (option.short) short.set(option.short, option);
  }
  // curl 7.x: -i was --include (renamed --show-headers in curl 8.10); both are output-only.
  return { long, short };
}

export const CURL_OPTIONS = load();
