/**
 * Milliseconds on a monotonic clock, for durations. Not `performance.now()`: the first use of the
 * global `performance` loads perf_hooks and six modules under it, a millisecond of a CLI's start
 * (and of every Node process `why401 run` watches, through the preload).
 */
export function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}
