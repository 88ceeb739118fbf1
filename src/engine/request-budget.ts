import type { Sent } from '../evidence/request.js';

/**
 * The requests a check may put on the wire (spec/cli.md: at most 6, the main request's hops
 * included), counted as they go: every hop, every probe, and every resend of a request whose
 * kept-alive connection closed unanswered. A resend is allowed only while the budget lasts.
 */
export class RequestBudget {
  #spent = 0;

  constructor(readonly limit: number) {}

  get spent(): number {
    return this.#spent;
  }

  get left(): number {
    return Math.max(0, this.limit - this.#spent);
  }

  /** A request that goes out whatever is left (planned within the budget). */
  spend(): void {
    this.#spent++;
  }

  /** One more request if the budget allows it (a resend): true when it was counted. */
  take(): boolean {
    if (this.left <= 0) return false;
    this.#spent++;
    return true;
  }
}

/** How many requests one exchange put on the wire: 1, plus its resends. */
export const onWire = (s: Sent): number => 1 + (s.result.resent ?? 0);
