import type { UserError } from '../../../shared/domain/errors';
import {
  describeFailure,
  incompleteError,
  stalledError,
  type FailureContext,
} from '../backends/describe-failure';
import { retryDelayMs, type RetryPolicy } from './retry-delay';
import { cancellableSleep } from './cancellable-sleep';
import {
  preciseNow,
  streamCompletion,
  StreamInterrupted,
  type StreamCompletionOptions,
  type StreamedCompletion,
} from './stream-completion';

/**
 * `streamCompletion` with retries before the first token of either kind (a retry after text arrived would
 * silently change an answer someone already read), and every ending named: finished, cancelled,
 * or failed with cause and fix. Called by `streamReply` (stream-reply.ts).
 */

export type StreamOutcome =
  | { kind: 'finished'; finishReason: string }
  | { kind: 'cancelled' }
  /** Includes a stream that ended without a finish reason (`incomplete`) and a stall. */
  | { kind: 'failed'; error: UserError };

export interface RetriedStream {
  outcome: StreamOutcome;
  /** The last attempt, as far as it got (its text and reasoning are everything `onPiece` was given by it). */
  stream: StreamedCompletion;
  /** Attempts before the last one. */
  retries: number;
}

export interface StreamWithRetriesOptions extends StreamCompletionOptions {
  retry: RetryPolicy;
  /** Names the backend, model and profile in failure messages. */
  failure: FailureContext;
  /** With no response headers after this long, `onLoading` (the model is probably loading). */
  loadingNoticeMs?: number;
  onAttempt?: (attempt: number) => void;
  onLoading?: (attempt: number) => void;
  onRetry?: (nextAttempt: number, delayMs: number, failure: UserError) => void;
}

export async function streamWithRetries(options: StreamWithRetriesOptions): Promise<RetriedStream> {
  const now = options.now ?? preciseNow;
  const { retry, signal } = options;
  for (let attempt = 1; ; attempt++) {
    options.onAttempt?.(attempt);
    const loadingNotice =
      options.onLoading && options.loadingNoticeMs !== undefined
        ? setTimeout(() => options.onLoading?.(attempt), options.loadingNoticeMs)
        : undefined;
    const done = (outcome: StreamOutcome, stream: StreamedCompletion): RetriedStream => ({
      outcome,
      stream,
      retries: attempt - 1,
    });
    try {
      const stream = await streamCompletion({
        ...options,
        now,
        onHeaders: () => {
          clearTimeout(loadingNotice);
          options.onHeaders?.();
        },
      });
      return done(
        stream.finishReason
          ? { kind: 'finished', finishReason: stream.finishReason }
          : { kind: 'failed', error: incompleteError() },
        stream,
      );
    } catch (error) {
      if (!(error instanceof StreamInterrupted)) throw error;
      const { partial } = error;
      if (error.reason === 'aborted') return done({ kind: 'cancelled' }, partial);
      if (error.reason === 'stalled')
        return done(
          { kind: 'failed', error: stalledError(Math.round(options.idleTimeoutMs / 1000)) },
          partial,
        );
      const failure = describeFailure(error.cause, options.failure);
      // Only while this attempt produced no text, answer or reasoning: nothing has reached anyone yet.
      const untouched =
        partial.text.length === 0 && partial.reasoning.length === 0 && partial.toolCalls.length === 0;
      const canRetry = failure.retryable && untouched && attempt < retry.maxAttempts;
      if (!canRetry) return done({ kind: 'failed', error: failure }, partial);
      const delay = retryDelayMs(error.cause, attempt, retry, Date.now());
      options.onRetry?.(attempt + 1, delay, failure);
      try {
        await cancellableSleep(delay, signal);
      } catch {
        return done({ kind: 'cancelled' }, { ...partial, finishedAt: now() });
      }
    } finally {
      clearTimeout(loadingNotice);
    }
  }
}
