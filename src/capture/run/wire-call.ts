import { classify } from '../../collect/http.js';
import type { ObservedCall, ObservedHop } from '../call/observed-call.js';
import type { WireCall } from './frames.js';

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
  const before: ObservedHop[] = [];
  for (const hop of call.hops ?? []) {
    try {
      before.push({
        method: hop.method,
        url: new URL(hop.url),
        requestHeaders: hop.requestHeaders,
        response: {
          status: hop.status,
          statusText: hop.statusText,
          headers: hop.responseHeaders,
          bodySample: Buffer.alloc(0),
          bodyBytes: 0,
          truncated: false,
        },
      });
    } catch {
      // a hop whose URL does not parse: left out
    }
  }
  // fetch hands the body over decoded: its content-encoding no longer describes the sample.
  const headers = call.decoded
    ? (call.responseHeaders ?? []).filter(([n]) => n.toLowerCase() !== 'content-encoding')
    : (call.responseHeaders ?? []);
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
            headers,
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
    ...(before.length > 0 ? { before } : {}),
  };
}
