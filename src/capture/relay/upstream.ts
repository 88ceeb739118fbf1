import * as http from 'node:http';
import * as https from 'node:https';
import { classify, type NetError } from '../../collect/http.js';
import { scrub } from '../../secret/scrub.js';

/** Keep-alive connections to the API, shared by every call capture passes on. */
export function upstreamAgent(target: URL, insecure: boolean): http.Agent {
  const options = { keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo' as const };
  return target.protocol === 'https:'
    ? new https.Agent({ ...options, rejectUnauthorized: !insecure })
    : new http.Agent(options);
}

export function timeoutError(ms: number): NetError {
  return { kind: 'timeout', code: 'ETIMEDOUT', message: `no answer within ${ms} ms` };
}

export function netErrorOf(error: unknown): NetError {
  return classify(error);
}

const WHAT: Record<string, string> = {
  dns: 'the host name does not resolve',
  refused: 'nothing accepts connections there',
  reset: 'the connection was reset before an answer',
  timeout: 'no answer before the timeout',
  tls: 'the TLS handshake failed',
  protocol: 'the answer is not valid HTTP',
};

/**
 * What capture answers the app when the API gave no answer: 504 for a timeout, else 502, with a
 * JSON body that says so in words an app's error log will carry.
 */
export function gatewayAnswer(target: URL, error: NetError): { status: number; body: string } {
  const status = error.kind === 'timeout' ? 504 : 502;
  const finding = error.kind === 'tls' ? 'net.tls-error' : 'net.unreachable';
  const body = {
    error: {
      type: 'why401_upstream_unreachable',
      finding,
      code: error.code,
      message: scrub(
        `why401 capture: no answer from ${target.origin}: ${WHAT[error.kind] ?? error.message} (${error.code})`,
      ),
      target: target.origin,
    },
  };
  return { status, body: `${JSON.stringify(body)}\n` };
}

/** gatewayAnswer as a whole HTTP/1.1 response, for a connection capture then closes. */
export function gatewayResponse(target: URL, error: NetError, method: string): string {
  const { status, body } = gatewayAnswer(target, error);
  return (
    `HTTP/1.1 ${status} ${status === 504 ? 'Gateway Timeout' : 'Bad Gateway'}\r\n` +
    'Content-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'X-Why401: upstream-unreachable\r\nConnection: close\r\n\r\n' +
    // An answer to HEAD has no body (its Content-Length is the one a GET would get).
    (method === 'HEAD' ? '' : body)
  );
}
