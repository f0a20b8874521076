import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Usage } from '../../../shared/domain/conversation';
import { withIdleWatchdog } from './idle-watchdog';

/**
 * One streamed chat completion through the `openai` SDK: the one loop over SSE chunks, under
 * `streamReply` (stream-reply.ts), which chat and compare call. It times the request (sent, headers, first text, end), cuts a stall after headers
 * with the idle watchdog, and hands every piece of text to `onText` as it arrives. No retries, no
 * events, no store: callers decide what an outcome means.
 */

export interface CompletionRequest {
  model: string;
  messages: ChatCompletionMessageParam[];
  temperature?: number;
  topP?: number;
  maxTokens?: number;
}

/** What one request produced, as far as it got. Timestamps come from `now` (epoch ms). */
export interface StreamedCompletion {
  text: string;
  /** Absent when the stream ended without one: an incomplete reply, not a success. */
  finishReason?: string;
  usage?: Usage;
  responseId?: string;
  /** The model the server says answered. */
  model?: string;
  requestedAt: number;
  headersAt?: number;
  /** When the first non-empty text arrived. */
  firstTokenAt?: number;
  /** When the stream ended, broke or was stopped. */
  finishedAt?: number;
}

export interface StreamCompletionOptions {
  client: OpenAI;
  request: CompletionRequest;
  /** The caller's stop (user cancel, shutdown). */
  signal: AbortSignal;
  /** A stream silent this long after headers is cut (the SDK's own timeout no longer applies). */
  idleTimeoutMs: number;
  /** Each piece of text as it arrives; `progress` is the live state (read it, do not keep it). */
  onText: (text: string, progress: Readonly<StreamedCompletion>) => void;
  /** The response headers arrived (Ollama sends them only once the model is loaded). */
  onHeaders?: () => void;
  now?: () => number;
}

/** Epoch milliseconds with sub-millisecond resolution: rates of fast local backends need it. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/**
 * Why a stream did not end normally, with everything that arrived before. `aborted`: the caller's
 * signal; `stalled`: the idle watchdog; `error`: anything else (`cause` is the SDK's or socket's error).
 */
export class StreamInterrupted extends Error {
  constructor(
    readonly reason: 'aborted' | 'stalled' | 'error',
    readonly partial: StreamedCompletion,
    override readonly cause: unknown,
  ) {
    super(`stream ${reason}`);
    this.name = 'StreamInterrupted';
  }
}

/** Resolves when the stream ends by itself (with or without a finish reason); otherwise throws StreamInterrupted. */
export async function streamCompletion(options: StreamCompletionOptions): Promise<StreamedCompletion> {
  const { client, request, signal, onText } = options;
  const now = options.now ?? preciseNow;
  // Ours, linked to the caller's, so the watchdog can cut the request without touching the caller's.
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) forward();
  signal.addEventListener('abort', forward, { once: true });
  let stalled = false;
  const state: StreamedCompletion = { text: '', requestedAt: now() };
  try {
    const stream = await client.chat.completions.create(
      {
        model: request.model,
        messages: request.messages,
        stream: true,
        stream_options: { include_usage: true },
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.topP !== undefined ? { top_p: request.topP } : {}),
        ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
      },
      { signal: controller.signal },
    );
    state.headersAt = now();
    options.onHeaders?.();
    const onIdle = () => {
      stalled = true;
      controller.abort();
    };
    for await (const chunk of withIdleWatchdog(stream, options.idleTimeoutMs, onIdle)) {
      if (chunk.id) state.responseId = chunk.id;
      if (chunk.model) state.model = chunk.model;
      const choice = chunk.choices[0];
      const text = choice?.delta?.content;
      if (text) {
        state.firstTokenAt ??= now();
        state.text += text;
        onText(text, state);
      }
      if (choice?.finish_reason) state.finishReason = choice.finish_reason;
      if (chunk.usage) state.usage = toUsage(chunk.usage);
    }
    // An abort can land between chunks and end the iteration quietly: it is still an abort.
    if (stalled || signal.aborted) throw new Error('aborted');
    state.finishedAt = now();
    return state;
  } catch (error) {
    state.finishedAt = now();
    // Tear the request down whatever broke (an `onText` that threw leaves the socket open otherwise).
    controller.abort();
    throw new StreamInterrupted(signal.aborted ? 'aborted' : stalled ? 'stalled' : 'error', state, error);
  } finally {
    signal.removeEventListener('abort', forward);
  }
}

function toUsage(usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }): Usage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
  };
}
