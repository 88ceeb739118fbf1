import type * as http from 'node:http';
import type { ObservedCall } from '../call/observed-call.js';

/** What `capture` asks of its proxy: shared by proxy.ts (the relay) and http-forward.ts (node:http). */
export interface ProxyOptions {
  readonly target: URL;
  readonly port: number;
  readonly host?: string | undefined;
  readonly insecure?: boolean | undefined;
  /** How long to wait for the answer's head (not for its body: streams may idle). */
  readonly headTimeoutMs?: number | undefined;
  /** Every finished call: answered, failed or cut short. */
  readonly onCall: (call: ObservedCall) => void;
  /** Something the user should know that is not a call (a CONNECT: capture taken for a forward proxy). */
  readonly onNotice?: ((text: string, kind?: string) => void) | undefined;
  /** Requests capture answers itself (the live view): their path starts with this. */
  readonly localPath?: string | undefined;
  /** Answers a local request; true when handled. */
  readonly local?: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | undefined;
}
