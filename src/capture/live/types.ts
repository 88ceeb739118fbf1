/**
 * A call as the live view gets it: the JSON line of `capture --json` (`why401/call@1`, made by
 * callJson in ../call/call-lines.ts), scrubbed and made printable by hub.ts, read by the browser
 * script (client/app.ts). The fields the page reads, not all the line holds. Types only and no
 * imports: this file compiles for Node (the server) and for the DOM (the client) alike.
 */

export interface LiveFinding {
  readonly id: string;
  readonly severity: string;
  readonly title: string;
  /** The evidence, joined with `; `. */
  readonly evidence: string;
  readonly fix: string;
}

/** The request and answer, redacted. */
export interface LiveExchange {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Record<string, string>;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly body: string;
  } | null;
  readonly error: string | null;
}

export interface LiveCall {
  readonly id: number;
  /** ISO 8601. */
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly url: string;
  readonly status: number | null;
  readonly elapsedMs: number;
  readonly refused: boolean;
  readonly interrupted: string | null;
  readonly credential: {
    readonly where: string;
    readonly scheme: string | null;
    readonly visible: string;
    readonly fingerprint: string;
    readonly length: number;
    readonly hidden: readonly string[];
  } | null;
  readonly verdict: {
    readonly status: string;
    readonly cause: string | null;
    readonly summary: string;
  } | null;
  readonly findings: readonly LiveFinding[];
  readonly exchange: LiveExchange | null;
}
