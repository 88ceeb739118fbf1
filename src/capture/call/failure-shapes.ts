/**
 * The shapes of a 2xx answer that may hide a refusal, shared by capture's diagnosis and by
 * `run`'s preload (which loads nothing of the engine): the preload sends such an answer to why401
 * only when its first bytes hold one of them.
 */

/** JSON: `ok:false`, `success:false`, `status:"error"`, `error`, `errors` (Slack, Google…). */
export const FAILURE_WORDS =
  /"(ok|success)"\s*:\s*false|"status"\s*:\s*"(error|REQUEST_DENIED)"|"errors?"\s*:/;

/** A page (HTML or text): a sign-in form, or an invalid, expired or missing key. */
export const PAGE_FAILURE_WORDS =
  /type=["']?password|(invalid|expired|missing)\W{1,3}(\w+\W{1,3}){0,3}(key|token|credential)/i;

/** How much of a 2xx answer is read to decide. */
export const HEAD_BYTES = 4096;

/** Content types whose 2xx answers may be a refusal in disguise (not streams, not binaries). */
export function mayHideRefusal(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.toLowerCase();
  if (/event-stream|ndjson|json-seq|stream/.test(type)) return false;
  return /json|html|text\/plain/.test(type);
}

/** The first decoded characters of a 2xx answer hold a failure shape. */
export function looksFailed(head: string, contentType: string | undefined): boolean {
  const text = head.slice(0, HEAD_BYTES);
  if (FAILURE_WORDS.test(text)) return true;
  return /html|text\/plain/i.test(contentType ?? '') && PAGE_FAILURE_WORDS.test(text);
}
