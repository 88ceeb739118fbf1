/** Time words shared by the JWT time checks (expired, not-yet-valid, expiring-soon). */
/** `3 days`, `1 minute`: how far a JWT time is from now, either way. */
export function ago(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const unit =
    s >= 86400
      ? [s / 86400, 'day']
      : s >= 3600
        ? [s / 3600, 'hour']
        : s >= 60
          ? [s / 60, 'minute']
          : [s, 'second'];
  const n = Math.floor(unit[0] as number);
  return `${n} ${unit[1] as string}${n === 1 ? '' : 's'}`;
}

/** A JWT time (seconds since the epoch) as an ISO date. */
export const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
