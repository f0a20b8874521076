import OpenAI from 'openai';

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

/** The server's own wait, when it said one (retry-after-ms, retry-after seconds or date), within 0–60 s. */
function serverDelayMs(error: unknown, now: number): number | undefined {
  if (!(error instanceof OpenAI.APIError) || !error.headers) return undefined;
  const headers = error.headers as Headers;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0 && ms <= 60_000) return ms;
  const after = headers.get('retry-after');
  if (after === null) return undefined;
  const seconds = Number(after);
  const delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(after) - now;
  return Number.isFinite(delay) && delay >= 0 && delay <= 60_000 ? delay : undefined;
}

/** Exponential backoff with jitter, like the SDK's own, unless the server named a wait. */
export function retryDelayMs(error: unknown, attempt: number, policy: RetryPolicy, now = Date.now()): number {
  const fromServer = serverDelayMs(error, now);
  if (fromServer !== undefined) return fromServer;
  const exponential = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(exponential * (1 - Math.random() * 0.25));
}
