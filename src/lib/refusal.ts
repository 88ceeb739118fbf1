import {
  judgeObserved,
  isRefusal,
  type ExchangeFailure,
  type ExchangeRequest,
  type ExchangeResponse,
} from '../engine/judge-observed.js';
import { isWhy401Error, usageError, Why401Error } from '../errors.js';
import { providerById, providerIds } from '../providers/detect.js';
import { scrub } from '../secret/scrub.js';
import type { Diagnosis } from '../diagnosis.js';
import type { Judgement } from '../engine/make-diagnosis.js';
import { formatDiagnosis, stderrColor } from './format.js';

/** What withWhy401 and the axios helper do with a refused call. */
export interface RefusalOptions<R> {
  /**
   * Throw a `Why401Error` with code `WHY401_E_REFUSED` and the diagnosis on `error.diagnosis`
   * instead of handing the refused answer back.
   */
  readonly throw?: boolean | undefined;
  /**
   * Called with the diagnosis of each refused call and the answer (undefined when the client
   * refused to send the request at all). Awaited. Without it (and without `throw`), the diagnosis
   * is printed to stderr with `console.warn`.
   */
  readonly onRefused?: ((diagnosis: Diagnosis, response: R | undefined) => unknown) | undefined;
  /** A provider id, for hosts that do not tell it (local, self-hosted, a gateway). */
  readonly provider?: string | undefined;
  /**
   * Confirm the cause with up to 5 read-only probes to the same origin (the key cleaned, without
   * the key, in the provider's header, …), sent by why401 itself. Off by default: nothing but the
   * app's own requests is sent.
   */
  readonly probe?: boolean | undefined;
  /** Time for the probes, in ms (default 10000). */
  readonly timeoutMs?: number | undefined;
  /**
   * For a refused OAuth bearer token, fetch the issuer's public metadata and the API's RFC 9728
   * document (GETs without any credential). Off by default: nothing but the app's own requests
   * is sent.
   */
  readonly discovery?: boolean | undefined;
}

/** The options that decide how a call is diagnosed (not what happens after). */
export type DiagnosisOptions = Pick<
  RefusalOptions<unknown>,
  'provider' | 'probe' | 'timeoutMs' | 'discovery'
>;

/** An unknown provider id is a mistake of the caller: said when the wrapper is made. */
export function checkOptions(options: DiagnosisOptions): void {
  if (options.provider !== undefined && !providerById(options.provider))
    throw usageError(
      `unknown provider "${options.provider.slice(0, 40)}"; known: ${providerIds().join(', ')}`,
    );
}

/** The engine's diagnosis of one exchange, or undefined when the call was not refused. */
export async function diagnoseRefusal(
  request: ExchangeRequest,
  answer: ExchangeResponse | ExchangeFailure,
  options: DiagnosisOptions,
  timing: { readonly receivedAt: number; readonly elapsedMs: number },
): Promise<Diagnosis | undefined> {
  let judged: Judgement;
  try {
    judged = await judgeObserved(request, answer, {
      providerId: options.provider,
      probe: options.probe === true,
      discovery: options.discovery === true,
      timeoutMs: options.timeoutMs,
      receivedAt: timing.receivedAt,
      elapsedMs: timing.elapsedMs,
    });
  } catch (error) {
    // A failure of ours must not break the app's call: say so, and hand the answer back as is.
    console.warn(
      scrub(
        `why401: could not diagnose a call: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    return undefined;
  }
  return isRefusal(judged) ? judged.diagnosis : undefined;
}

/** Throws, calls back, or prints, as the options say. */
export async function reportRefusal<R>(
  diagnosis: Diagnosis,
  response: R | undefined,
  options: RefusalOptions<R>,
  extra: { readonly cause?: unknown; readonly fetchResponse?: Response | undefined } = {},
): Promise<void> {
  if (options.throw === true) throw refusedError(diagnosis, extra);
  if (options.onRefused) {
    await options.onRefused(diagnosis, response);
    return;
  }
  console.warn(
    `why401: a refused call, diagnosed (handle it yourself with onRefused or throw: true)\n${formatDiagnosis(diagnosis, { color: stderrColor() })}\n`,
  );
}

/** `GET https://api.example.com/v1/me: Refused (401): …. (key.whitespace: why401 explain key.whitespace)` */
export function refusedError(
  diagnosis: Diagnosis,
  extra: { readonly cause?: unknown; readonly fetchResponse?: Response | undefined } = {},
): Why401Error {
  const { target, verdict } = diagnosis;
  const cause = verdict.cause ? ` (${verdict.cause}: why401 explain ${verdict.cause})` : '';
  return new Why401Error(
    'WHY401_E_REFUSED',
    scrub(`${target.method} ${target.url}: ${verdict.summary}${cause}`),
    {
      diagnosis,
      response: extra.fetchResponse,
      ...('cause' in extra ? { cause: extra.cause } : {}),
    },
  );
}

/**
 * The diagnosis a refused call carries: `error.diagnosis` of a Why401Error, or `error.why401` of
 * an axios error the helper saw.
 *
 * @example
 * try { await api.get('/v1/me'); } catch (e) { console.error(diagnosisOf(e)?.verdict.summary); }
 */
export function diagnosisOf(error: unknown): Diagnosis | undefined {
  if (isWhy401Error(error)) return error.diagnosis;
  if (typeof error !== 'object' || error === null) return undefined;
  const d = (error as { why401?: unknown }).why401;
  return typeof d === 'object' &&
    d !== null &&
    (d as { schema?: unknown }).schema === 'why401/diagnosis@1'
    ? (d as Diagnosis)
    : undefined;
}
