import { classify } from '../collect/http.js';
import type { ObservedCall } from './observed-call.js';
import type { WireCall } from './run-frames.js';

/** A call reported by the preload, as the diagnosis reads calls. */
export function observedFromWire(
  call: WireCall,
  id: number,
  pid: number,
): ObservedCall | undefined {
  let url: URL;
  try {
    url = new URL(call.url);
  } catch {
    return undefined;
  }
  const body = Buffer.from(call.body ?? '', 'base64');
  return {
    id,
    startedAt: call.startedAt,
    method: call.method,
    url,
    requestHeaders: call.requestHeaders,
    response:
      call.status === undefined
        ? undefined
        : {
            status: call.status,
            statusText: call.statusText ?? '',
            headers: call.responseHeaders ?? [],
            bodySample: body,
            bodyBytes: call.bodyBytes ?? body.length,
            truncated: (call.bodyBytes ?? 0) > body.length,
          },
    error: call.error
      ? classify(Object.assign(new Error(call.error.message), { code: call.error.code }))
      : undefined,
    interrupted: undefined,
    elapsedMs: call.elapsedMs,
    pid,
  };
}
