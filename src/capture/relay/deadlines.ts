import { monotonicMs } from '../../clock.js';

/**
 * Head timeouts for many requests at once: one timer sweeps every in-flight request instead of
 * a timer armed and cleared per call (which costs more than the rest of the bookkeeping).
 */
export class Deadlines {
  readonly #due = new Map<object, { at: number; expire: () => void }>();
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly ms: number) {}

  add(key: object, expire: () => void): void {
    this.#due.set(key, { at: monotonicMs() + this.ms, expire });
    this.#timer ??= setInterval(() => this.#sweep(), Math.max(5, Math.min(1000, this.ms / 4)));
  }

  delete(key: object): void {
    this.#due.delete(key);
  }

  #sweep(): void {
    const now = monotonicMs();
    for (const [key, d] of this.#due) {
      if (d.at > now) continue;
      this.#due.delete(key);
      d.expire();
    }
    if (this.#due.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#due.clear();
  }
}
