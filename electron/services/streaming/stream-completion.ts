import type OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { Usage } from '../../../shared/domain/conversation';
import type { ReasoningEffort } from '../../../shared/domain/reasoning-effort';
import { ToolCallAssembler, type AssembledCall } from '../tools/call-assembly';
import { withIdleWatchdog } from './idle-watchdog';
import type { ReplyDelta } from './reply-delta';
import { ReasoningExtractor } from './reasoning/reasoning-extractor';

/**
 * One streamed chat completion through the `openai` SDK: the one loop over SSE chunks, under
 * `streamReply` (stream-reply.ts), which chat and compare call. It times the request (sent, headers,
 * first reasoning, first answer, end), cuts a stall after headers with the idle watchdog, splits
 * answer from reasoning (reasoning/) and hands every piece to `onPiece` as it arrives. No retries,
 * no events, no store: callers decide what an outcome means.
 */

export interface CompletionRequest {
  model: string;
  messages: ChatCompletionMessageParam[];
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** Sent as `reasoning_effort` only when set: servers that do not know it may reject it. */
  reasoningEffort?: ReasoningEffort;
  /** Offered to the model (sent only when there are some: a server without tools may refuse the field). */
  tools?: ChatCompletionTool[];
}

/** What one request produced, as far as it got. Timestamps come from `now` (epoch ms). */
export interface StreamedCompletion {
  /** The answer only (reasoning, by field or tag, is in `reasoning`). */
  text: string;
  /** What the model thought, in order; '' when it did not stream any. */
  reasoning: string;
  /**
   * Set when the stream ends: it stopped while the model was thinking (a tag never closed, or
   * reasoning and no answer after it): the caller marks the reasoning incomplete and tells the user.
   */
  endedInReasoning: boolean;
  /** The tool calls the model made, assembled by index (tools/call-assembly.ts); empty when none. */
  toolCalls: AssembledCall[];
  /** Absent when the stream ended without one: an incomplete reply, not a success. */
  finishReason?: string;
  usage?: Usage;
  responseId?: string;
  /** The model the server says answered. */
  model?: string;
  requestedAt: number;
  headersAt?: number;
  /** When the first non-empty text arrived, reasoning or answer. */
  firstTokenAt?: number;
  /** When the first reasoning text arrived (for a `retag`: when the text now known as reasoning did). */
  firstReasoningAt?: number;
  /** When the first answer text arrived, tags taken out. */
  firstAnswerAt?: number;
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
  /**
   * Each piece (answer text, reasoning text, `retag`) as it arrives, after `progress` (the live
   * state: read it, do not keep it) took it in.
   */
  onPiece: (piece: ReplyDelta, progress: Readonly<StreamedCompletion>) => void;
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
  const { client, request, signal, onPiece } = options;
  const now = options.now ?? preciseNow;
  // Ours, linked to the caller's, so the watchdog can cut the request without touching the caller's.
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) forward();
  signal.addEventListener('abort', forward, { once: true });
  let stalled = false;
  const state: StreamedCompletion = {
    text: '',
    reasoning: '',
    endedInReasoning: false,
    toolCalls: [],
    requestedAt: now(),
  };
  const extractor = new ReasoningExtractor();
  const calls = new ToolCallAssembler();
  const take = (pieces: readonly ReplyDelta[]) => {
    for (const piece of pieces) {
      applyPiece(state, piece, now());
      onPiece(piece, state);
    }
  };
  // However the stream ends, held-back characters go out and the state says if it ended thinking.
  const finish = () => {
    take(extractor.finish());
    state.endedInReasoning = extractor.endedInReasoning;
  };
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
        ...(request.reasoningEffort !== undefined ? { reasoning_effort: request.reasoningEffort } : {}),
        ...(request.tools?.length ? { tools: request.tools } : {}),
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
      if (choice?.delta) take(extractor.read(choice.delta));
      const toolCalls = (choice?.delta as { tool_calls?: unknown } | undefined)?.tool_calls;
      if (toolCalls !== undefined) {
        take(calls.add(toolCalls).map((call) => ({ kind: 'tool-call' as const, call })));
        state.toolCalls = calls.calls();
      }
      if (choice?.finish_reason) state.finishReason = choice.finish_reason;
      if (chunk.usage) state.usage = toUsage(chunk.usage);
    }
    // An abort can land between chunks and end the iteration quietly: it is still an abort.
    if (stalled || signal.aborted) throw new Error('aborted');
    finish();
    state.finishedAt = now();
    return state;
  } catch (error) {
    // Tear the request down whatever broke (an `onPiece` that threw leaves the socket open otherwise).
    controller.abort();
    try {
      finish();
    } catch {
      // An `onPiece` that throws again changes nothing: the stream is over either way.
    }
    state.finishedAt = now();
    throw new StreamInterrupted(signal.aborted ? 'aborted' : stalled ? 'stalled' : 'error', state, error);
  } finally {
    signal.removeEventListener('abort', forward);
  }
}

/** Takes one piece into the state, with the time it arrived. */
function applyPiece(state: StreamedCompletion, piece: ReplyDelta, at: number): void {
  if (piece.kind === 'retag') {
    // The answer so far was reasoning: so were its text and its first token's time.
    state.reasoning += state.text;
    state.text = '';
    if (state.firstAnswerAt !== undefined)
      state.firstReasoningAt = Math.min(state.firstReasoningAt ?? Infinity, state.firstAnswerAt);
    delete state.firstAnswerAt;
    return;
  }
  if (piece.kind === 'tool-call') {
    // A call is generated output too: the reply has started.
    state.firstTokenAt ??= at;
    return;
  }
  if (piece.text.length === 0) return;
  state.firstTokenAt ??= at;
  if (piece.kind === 'reasoning') {
    state.firstReasoningAt ??= at;
    state.reasoning += piece.text;
  } else {
    state.firstAnswerAt ??= at;
    state.text += piece.text;
  }
}

function toUsage(usage: OpenAI.CompletionUsage): Usage {
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    ...(typeof reasoningTokens === 'number' ? { reasoningTokens } : {}),
  };
}
