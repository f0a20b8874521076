/** Backoff between reconnect attempts: 0.5 s doubling to 10 s, with a little jitter so tabs do not stampede. */
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** Math.max(0, failures), 10_000);
  return Math.round(base * (0.85 + random() * 0.3));
}
