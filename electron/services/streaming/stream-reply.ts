import type OpenAI from 'openai';
import type { ReplyProgress } from '../../../shared/contract/chat-stream';
import type { Usage } from '../../../shared/domain/conversation';
import type { UserError } from '../../../shared/domain/errors';
import type { ReplyMetrics } from '../../../shared/domain/reply-metrics';
import type { FailureContext } from '../backends/describe-failure';
import { DeltaBatcher } from './delta-batcher';
import type { ReplyDelta } from './reply-delta';
import { asText, replyFigures } from './reply-figures';
import type { RetryPolicy } from './retry-delay';
import { preciseNow, type CompletionRequest, type StreamedCompletion } from './stream-completion';
import { streamWithRetries, type RetriedStream } from './stream-with-retries';

/**
 * The streaming engine: one reply from an OpenAI-compatible backend, start to end. Chat and compare
 * both call `streamReply` and only decide what its callbacks and its result mean for them (a saved
 * message, a compare cell). Everything else is here, once: the request, the idle watchdog, abort,
 * reasoning told apart from the answer (reasoning/), retries before the first token, delta
 * batching for the wire, and the reply's figures.
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

export type { ReplyProgress, ReplyDelta };

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
   * Every piece as it arrives, uncoalesced, with the attempt's live state (read it, do not keep
   * it; `progress.text` is the answer so far, `progress.reasoning` the reasoning): for the caller's
   * own record, e.g. checkpointing a reply.
   */
  onPiece?: (piece: ReplyDelta, progress: Readonly<StreamedCompletion>) => void;
  /**
   * Pieces coalesced per `timings.deltaIntervalMs` (the first at once; same-kind pieces merged,
   * kinds never, order kept, a `retag` at once); all flushed before this resolves.
   */
  onDelta?: (delta: ReplyDelta) => void;
  /** Without it, no loading notice is timed. */
  onProgress?: (progress: ReplyProgress) => void;
}

/** How the reply ended, the last attempt as far as it got, and its usage and metrics. */
export interface StreamedReply extends RetriedStream {
  /** The last attempt's answer (`stream.text`). */
  text: string;
  /** The last attempt's reasoning (`stream.reasoning`). */
  reasoning: string;
  /** The last attempt stopped while the model was thinking (`stream.endedInReasoning`). */
  endedInReasoning: boolean;
  /** The server's usage, else an estimate (marked in `metrics.usageEstimated`); absent when nothing arrived. */
  usage?: Usage;
  metrics: ReplyMetrics;
}

/** Never throws for a backend failure, a stall or a cancel: those are the outcome. */
export async function streamReply(options: StreamReplyOptions): Promise<StreamedReply> {
  const { timings, retry, onProgress, onDelta } = options;
  const { maxAttempts } = retry;
  const batcher = onDelta ? new DeltaBatcher(timings.deltaIntervalMs, onDelta) : undefined;
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
      onPiece: (piece, progress) => {
        batcher?.push(piece);
        options.onPiece?.(piece, progress);
      },
    });
  } finally {
    // Whatever was pushed goes out before the caller reports the end.
    batcher?.flush();
  }
  const figures = await replyFigures(retried.stream, retried.retries, asText(options.request.messages));
  const { text, reasoning, endedInReasoning } = retried.stream;
  return { ...retried, text, reasoning, endedInReasoning, ...figures };
}
