import type { WireRequest, WireResponse } from '../../collect/http.js';
import type { Sent, SentCredential } from '../../evidence/request.js';
import { loginTarget } from '../../checks/request/status/login-redirect.js';
import { isAccepted, readAnswer } from '../../evidence/answer.js';
import type { Transport } from '../../engine/chain.js';
import {
  exchangeJson,
  redactedCopy,
  redactUrl,
  type ExchangeJson,
} from '../../engine/exchanges.js';
import { conclude } from '../../engine/conclude.js';
import { gatherEvidence } from '../../engine/gather-evidence.js';
import type { Verdict } from '../../engine/verdict.js';
import type { Finding } from '../../findings/types.js';
import { detectProvider, type Detection } from '../../providers/detect.js';
import { scrub } from '../../secret/scrub.js';
import { decodeBody } from '../../collect/decode-body.js';
import { FAILURE_WORDS, PAGE_FAILURE_WORDS } from './failure-shapes.js';
import { credentialOf, type CallCredential } from './call-credential.js';
import { registerBodySecrets } from '../../engine/request-secrets.js';
import type { ObservedCall, ObservedResponse } from './observed-call.js';

/** One call, diagnosed when it was refused: what capture and run print, log and show. */
export interface CallReport {
  readonly schema: 'why401/call@1';
  readonly id: number;
  readonly time: string;
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly status: number | null;
  readonly elapsedMs: number;
  readonly credential: CallCredential | null;
  readonly refused: boolean;
  readonly verdict: Verdict | null;
  readonly findings: readonly Finding[];
  /** The answer was cut short: `client-aborted`, `upstream-reset`. */
  readonly interrupted: string | null;
  readonly pid: number | null;
  /** The request and answer, redacted: for refused calls, or always with `detail`. */
  readonly exchange: ExchangeJson | null;
}

export interface CallDiagnosisOptions {
  readonly providerId?: string | undefined;
  /** Keep the redacted exchange of accepted calls too (the live view shows it on click). */
  readonly detail?: boolean | undefined;
  /** --probe: a few read-only, same-origin requests, as `check` sends them. */
  readonly probe?: Transport | undefined;
  /** The env findings about a refused call's credential (run and capture trace the folder). */
  readonly envFindings?: ((sent: string) => readonly Finding[]) | undefined;
}

const detections = new Map<string, Detection>();

function detectionFor(url: URL, providerId: string | undefined): Detection {
  const key = `${providerId ?? ''}|${url.host}`;
  let d = detections.get(key);
  if (!d) {
    d = detectProvider({ url: url.href, ...(providerId ? { providerId } : {}) });
    if (detections.size > 256) detections.clear();
    detections.set(key, d);
  }
  return d;
}

/** The answer's headers as the engine reads them: lower-cased, repeats joined. */
function wireResponse(r: ObservedResponse): WireResponse {
  const all: Record<string, string[]> = {};
  for (const [name, value] of r.headers) (all[name.toLowerCase()] ??= []).push(value);
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(all)) headers[name] = values.join(', ');
  return {
    status: r.status,
    statusText: r.statusText,
    headers,
    all,
    body: decodeBody(r.bodySample, headers['content-encoding'], { prefix: true }),
    bodyBytes: r.bodyBytes,
    truncated: r.truncated,
    fromProxy: false,
  };
}

/**
 * A 2xx answer is read in full only when its first bytes could say it failed (the shapes
 * `readAnswer` calls a failure: `ok:false`, `success:false`, `status:"error"`, `error`, `errors`,
 * a sign-in form, words of an invalid, expired or missing key): see failure-shapes.ts.
 */
/** A 2xx whose first bytes hold none of the failure shapes. */
function plainlyAnswered(r: ObservedResponse | undefined): boolean {
  if (r?.status === 101) return true; // an upgrade (a WebSocket) accepted: nothing to read
  if (r === undefined || r.status < 200 || r.status >= 300) return false;
  const header = (name: string) =>
    r.headers.find(([n]) => n.length === name.length && n.toLowerCase() === name)?.[1];
  const page = /html|text\/plain/i.test(header('content-type') ?? '');
  // Most answers hold none of the failure shapes' quoted names: no text is made of them.
  if (!page && !header('content-encoding') && !ANCHORS.some((a) => hasIn(r.bodySample, a)))
    return true;
  const head = sampleHead(r);
  return !FAILURE_WORDS.test(head) && !(page && PAGE_FAILURE_WORDS.test(head));
}

/** Every failure shape of FAILURE_WORDS holds one of these. */
const ANCHORS = ['"ok"', '"success"', '"status"', '"error'].map((a) => Buffer.from(a));
const hasIn = (sample: Buffer, anchor: Buffer) => sample.subarray(0, 4096).indexOf(anchor) >= 0;

/** The app hung up before any answer came: nothing was refused. */
function abandoned(call: ObservedCall): boolean {
  return !call.response && !call.error && call.interrupted === 'client-aborted';
}

function sentOf(call: ObservedCall, request: WireRequest, carried: boolean): Sent {
  const r = call.response;
  if (!r) {
    const error = call.error ?? { kind: 'other', code: 'UNKNOWN', message: 'no answer' };
    return {
      label: 'request',
      request,
      result: { ok: false, error, elapsedMs: call.elapsedMs },
      facts: undefined,
      accepted: false,
      carried,
      viaProxy: call.viaProxy !== undefined,
    };
  }
  const quick = !plainlyAnswered(r);
  const response = wireResponse(r);
  const facts = quick ? readAnswer(response, call.startedAt + call.elapsedMs) : undefined;
  const accepted = facts ? isAccepted(facts) : true;
  return {
    label: 'request',
    request,
    result: { ok: true, response, elapsedMs: call.elapsedMs },
    facts,
    accepted,
    carried,
    viaProxy: call.viaProxy !== undefined,
  };
}

function sampleHead(r: ObservedResponse): string {
  const enc = r.headers.find(([n]) => n.toLowerCase() === 'content-encoding')?.[1];
  return enc
    ? decodeBody(r.bodySample, enc, { prefix: true }).slice(0, 4096)
    : r.bodySample.toString('latin1', 0, 4096);
}

function isRefused(sent: Sent): boolean {
  if (!sent.result.ok) return true;
  const status = sent.result.response.status;
  if (status === 101) return false; // an upgrade accepted
  if (status >= 400) return true;
  if (status >= 300) return loginTarget(sent) !== undefined;
  return !sent.accepted;
}

/**
 * A call there is nothing to say about (a plain 2xx, an accepted upgrade, no redirect before
 * it): `run` counts it without making a report, as its preload never sends such calls at all.
 */
export function plainlyAccepted(call: ObservedCall): boolean {
  return (
    call.before === undefined &&
    call.error === undefined &&
    call.interrupted === undefined &&
    plainlyAnswered(call.response)
  );
}

/** What passed through, read by the same checks as `check`: offline unless probing was asked for. */
export async function judgeCall(
  call: ObservedCall,
  options: CallDiagnosisOptions = {},
): Promise<CallReport> {
  return quickReport(call, options) ?? (await fullReport(call, options));
}

/**
 * The report of a call with nothing to judge — a plain 2xx, or a call the app gave up on before
 * any answer — made at once (no promise: capture makes one per call); null when it needs judging.
 */
export function quickReport(
  call: ObservedCall,
  options: CallDiagnosisOptions = {},
): CallReport | null {
  if (options.detail || call.before || !(plainlyAnswered(call.response) || abandoned(call)))
    return null;
  const { credential, described } = credentialOf(call, detectionFor(call.url, options.providerId));
  return report(call, credential, described, false, null, [], null);
}

async function fullReport(
  observed: ObservedCall,
  options: CallDiagnosisOptions,
): Promise<CallReport> {
  // After redirects the client followed, the call is what the app asked for (the first hop).
  const asked = observed.before?.[0];
  const call: ObservedCall = asked
    ? { ...observed, method: asked.method, url: asked.url, requestHeaders: asked.requestHeaders }
    : observed;
  // Servers echo what they were sent: a body's possible credentials are scrubbed from the report.
  if (call.requestBody !== undefined) registerBodySecrets(call.requestBody);
  const detection = detectionFor(call.url, options.providerId);
  const { credential, described } = credentialOf(call, detection);
  const hops = (observed.before ?? []).map((hop): Sent => {
    const response = wireResponse(hop.response);
    const facts = readAnswer(response, observed.startedAt);
    return {
      label: 'request (redirect followed by the client)',
      request: { method: hop.method, url: hop.url, headers: hop.requestHeaders },
      result: { ok: true, response, elapsedMs: 0 },
      facts,
      accepted: false,
      carried: credential !== null && hop.url.origin === call.url.origin,
      viaProxy: false,
    };
  });
  const request: WireRequest = {
    method: observed.method,
    url: observed.url,
    headers: observed.requestHeaders,
  };
  const sent = sentOf(
    observed,
    request,
    credential !== null && observed.url.origin === call.url.origin,
  );
  const refused = hops.some((hop) => loginTarget(hop) !== undefined) || isRefused(sent);
  if (!refused)
    return report(
      call,
      credential,
      described,
      false,
      null,
      [],
      options.detail ? exchangeJson(sent, credential) : null,
    );
  const { evidence } = await gatherEvidence([...hops, sent], credential, detection, {
    transport: options.probe,
    proxy: observed.viaProxy,
    localNow: call.startedAt + call.elapsedMs,
  });
  const env = credential && options.envFindings?.(credential.secret.reveal());
  const { verdict, findings } = conclude(evidence, env ?? []);
  return report(
    call,
    credential,
    described,
    true,
    verdict,
    findings,
    exchangeJson(sent, credential),
  );
}

function report(
  call: ObservedCall,
  credential: SentCredential | null,
  described: CallCredential | null,
  refused: boolean,
  verdict: Verdict | null,
  findings: Finding[],
  exchange: ExchangeJson | null,
): CallReport {
  const url = call.url;
  const plainUrl =
    credential?.spot.in !== 'query' && credential?.spot.in !== 'path' && url.password === '';
  return {
    schema: 'why401/call@1',
    id: call.id,
    time: new Date(call.startedAt).toISOString(),
    method: call.method,
    url: plainUrl ? scrub(url.href) : redactUrl(url, credential),
    path: scrub(plainUrl ? `${url.pathname}${url.search}` : pathOf(url, credential)),
    status: call.response?.status ?? null,
    elapsedMs: call.elapsedMs,
    credential: described,
    refused,
    verdict,
    findings,
    interrupted: call.interrupted ?? null,
    pid: call.pid ?? null,
    exchange,
  };
}

function pathOf(url: URL, credential: SentCredential | null): string {
  const copy = redactedCopy(url, credential);
  return `${copy.pathname}${copy.search}`;
}
