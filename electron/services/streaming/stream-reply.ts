import type OpenAI from 'openai';
import type { ReplyProgress } from '../../../shared/contract/chat-stream';
import type { StreamedPartType } from '../../../shared/domain/message-parts';
import type { Usage } from '../../../shared/domain/conversation';
import type { UserError } from '../../../shared/domain/errors';
import type { ReplyMetrics } from '../../../shared/domain/reply-metrics';
import type { FailureContext } from '../backends/describe-failure';
import { DeltaBatcher } from './delta-batcher';
import { asText, replyFigures } from './reply-figures';
import type { RetryPolicy } from './retry-delay';
import { preciseNow, type CompletionRequest, type StreamedCompletion } from './stream-completion';
import { streamWithRetries, type RetriedStream } from './stream-with-retries';

/**
 * The streaming engine: one reply from an OpenAI-compatible backend, start to end. Chat and compare
 * both call `streamReply` and only decide what its callbacks and its result mean for them (a saved
 * message, a compare cell). Everything else is here, once: the request, the idle watchdog, abort,
 * retries before the first token, delta batching for the wire, and the reply's figures.
 */

export interface StreamTimings {
  /** A stream silent this long after headers is cut (the SDK's timeout no longer applies). */
  idleTimeoutMs: number;
  /** With no response headers after this long, tell the user the model is probably loading. */
  loadingNoticeMs: number;
  /** Coalescing window for deltas sent to a window. */
  deltaIntervalMs: number;
}

export const defaultStreamTimings: StreamTimings = {
  idleTimeoutMs: 60_000,
  loadingNoticeMs: 1_500,
  deltaIntervalMs: 16,
};

export type { ReplyProgress };

/**
 * What goes to the window, coalesced, in order: answer text or reasoning text (whichever field or
 * tag the server used), or `retag`: the answer text received so far was reasoning after all (its
 * closing tag arrived; the opening one was already in the prompt), so the caller turns it into a
 * reasoning part. Later kinds (tool calls) are added as members of this union.
 */
export type ReplyDelta = { kind: StreamedPartType; text: string } | { kind: 'retag' };

export interface StreamReplyOptions {
  client: OpenAI;
  request: CompletionRequest;
  /** The caller's stop (user cancel, shutdown): the outcome is then `cancelled`. */
  signal: AbortSignal;
  timings: StreamTimings;
  retry: RetryPolicy;
  /** Names the backend, model and profile in failure messages. */
  failure: FailureContext;
  /** Clock of the figures (epoch ms); precise by default, since fast local backends need it. */
  clock?: () => number;
  /**
   * Every piece of text as it arrives, uncoalesced, with the attempt's live state (read it, do not
   * keep it): for the caller's own record, e.g. checkpointing a reply.
   */
  onText?: (text: string, progress: Readonly<StreamedCompletion>) => void;
  /** Text coalesced per `timings.deltaIntervalMs` (the first at once); all flushed before this resolves. */
  onDelta?: (delta: ReplyDelta) => void;
  /** Without it, no loading notice is timed. */
  onProgress?: (progress: ReplyProgress) => void;
}

/** How the reply ended, the last attempt as far as it got, and its usage and metrics. */
export interface StreamedReply extends RetriedStream {
  /** The server's usage, else an estimate (marked in `metrics.usageEstimated`); absent with no text. */
  usage?: Usage;
  metrics: ReplyMetrics;
}

/** Never throws for a backend failure, a stall or a cancel: those are the outcome. */
export async function streamReply(options: StreamReplyOptions): Promise<StreamedReply> {
  const { timings, retry, onProgress, onDelta } = options;
  const { maxAttempts } = retry;
  const batcher = onDelta
    ? new DeltaBatcher(timings.deltaIntervalMs, (text) => onDelta({ text }))
    : undefined;
  let retried: RetriedStream;
  try {
    retried = await streamWithRetries({
      client: options.client,
      request: options.request,
      signal: options.signal,
      idleTimeoutMs: timings.idleTimeoutMs,
      retry,
      failure: options.failure,
      now: options.clock ?? preciseNow,
      ...(onProgress
        ? {
            loadingNoticeMs: timings.loadingNoticeMs,
            onAttempt: (attempt: number) => onProgress({ phase: 'waiting', attempt, maxAttempts }),
            onLoading: (attempt: number) => onProgress({ phase: 'loading', attempt, maxAttempts }),
            onRetry: (attempt: number, retryInMs: number, failure: UserError) =>
              onProgress({ phase: 'retrying', attempt, maxAttempts, retryInMs, reason: failure.message }),
          }
        : {}),
      onText: (text, progress) => {
        batcher?.push(text);
        options.onText?.(text, progress);
      },
    });
  } finally {
    // Whatever was pushed goes out before the caller reports the end.
    batcher?.flush();
  }
  const figures = await replyFigures(retried.stream, retried.retries, asText(options.request.messages));
  return { ...retried, ...figures };
}
