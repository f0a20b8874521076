/** How a crashed server is restarted: 1 s, 2 s, 4 s … up to a minute, then given up after a few tries. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Consecutive restarts without a stable run before the server is left failed. */
  maxRestarts: number;
  /** Ready this long: the next crash starts the backoff over. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1_000,
  maxMs: 60_000,
  maxRestarts: 6,
  stableMs: 60_000,
};

/** The wait before restart number `attempt` (0-based). */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
}
