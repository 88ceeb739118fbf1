import type { TLSSocket } from 'node:tls';

/**
 * A client that checks the certificate only once the handshake is over (wget built with GnuTLS,
 * TLS 1.3) completes it, then drops the connection without a byte of request: the server side
 * sees 'secure', then ECONNRESET (the session tickets it was sent are left unread). That is a
 * refusal of the run's CA as surely as a failed handshake.
 */
export function refusedAfterHandshake(socket: TLSSocket, e: NodeJS.ErrnoException): boolean {
  return e.code === 'ECONNRESET' && socket.bytesRead === 0;
}

/** What a refusal looked like, for the notice: during the handshake, or right after it. */
export function refusalShape(afterHandshake: boolean, e: NodeJS.ErrnoException): string {
  const code = e.code ?? e.message;
  return afterHandshake
    ? `closed the connection right after the TLS handshake, before sending a request (${code})`
    : `refused the TLS handshake (${code})`;
}
