/** Whole seconds left before a scheduled retry, never negative; rounds up so "0 s" shows only at the end. */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** "Retrying 2/3 in 4 s", or "Retrying 2/3…" when the wait is over or unknown. */
export function retryLabel(
  attempt: number | undefined,
  maxAttempts: number | undefined,
  seconds: number | undefined,
): string {
  const count = attempt !== undefined && maxAttempts !== undefined ? ` ${attempt}/${maxAttempts}` : '';
  return seconds !== undefined && seconds > 0 ? `Retrying${count} in ${seconds} s` : `Retrying${count}…`;
}
