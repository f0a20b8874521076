import { AppError } from '../app-error';
import type { StartedEvent } from '../../../shared/contract/chat-stream';
import type { Message, Usage } from '../../../shared/domain/conversation';
import type { MessagePart, ToolCallPart } from '../../../shared/domain/message-parts';
import { toolPartsText, toolRoundMessages } from '../tools/tool-history';
import { resultRoomChars } from '../tools/tool-result-fit';
import type { ToolSession } from '../tools/tool-service';
import { toolsRefusal } from '../tools/tools-unsupported';
import { userError, type UserError } from '../../../shared/domain/errors';
import { computeMetrics } from '../../../shared/domain/compute-metrics';
import { answerText, hasAnyText } from '../../../shared/domain/message-content';
import type { ReasoningEffort } from '../../../shared/domain/reasoning-effort';
import type { ResolvedProfile } from '../profiles/profile-service';
import type { ConversationStore } from '../store/conversation-store';
import { noAnswer, ReplyParts } from '../streaming/reply-parts';
import type { RetryPolicy } from '../streaming/retry-delay';
import { streamReply, type StreamedReply, type StreamTimings } from '../streaming/stream-reply';
import type { ContextPlanner } from './context-planner';
import type { UnnumberedEvent } from './live-replies';
import { targetOf, type ChatBackends, type RequestPlan } from './turn-preparation';

/**
 * A reply's life once it has a stream id: streamed into its saved message (checkpointed as it
 * grows), then ended exactly once as finished, cancelled or failed, in the store and as an event.
 * Events go out through the stream's emitter (live-replies.ts), which numbers them.
 */

/** Where a reply is kept and where its stream's events go. */
export interface ReplySink {
  store: Pick<ConversationStore, 'appendMessage' | 'updateMessage'>;
  emit: (event: UnnumberedEvent) => void;
  conversationId: string;
}

/** What travels on `started` so every window (main and tray) shows the same turn, whichever sent it. */
export type TurnChange = Pick<StartedEvent, 'userMessage' | 'replaces' | 'truncatedFrom'>;

/**
 * No request was sent (no profile, offline, no model): the reply is saved as failed, timed only
 * by how long it took to fail, and reported as a stream that failed at once, so the renderer has
 * one path for every failure. A continued reply keeps its text and gains the error.
 */
export function failBeforeRequest(
  sink: ReplySink,
  input: {
    reply: Message;
    continuing: Message | undefined;
    profile: ResolvedProfile | undefined;
    failure: UserError;
    since: number;
    at: number;
    /** Wall clock, for `started.startedAt`. */
    startedAt: number;
    turn: TurnChange;
  },
): void {
  const { conversationId } = sink;
  const { reply, continuing, profile, failure } = input;
  const metrics = computeMetrics({
    requestedAt: input.since,
    finishedAt: input.at,
    retries: 0,
    usageEstimated: false,
  });
  const failed: Message = continuing
    ? { ...continuing, error: failure }
    : { ...reply, status: 'failed', error: failure, metrics, ...provenance(profile) };
  if (continuing) sink.store.updateMessage(conversationId, failed, 'final');
  else sink.store.appendMessage(conversationId, failed);
  queueMicrotask(() => {
    sink.emit({
      type: 'started',
      model: '',
      profileId: profile?.id ?? '',
      profileName: profile?.name ?? '',
      startedAt: input.startedAt,
      ...(continuing ? { initialParts: structuredClone(continuing.parts) } : {}),
      ...input.turn,
    });
    sink.emit({ type: 'failed', message: failed, error: failure });
  });
}

export interface ReplyStreamInput {
  reply: Message;
  plan: RequestPlan;
  profile: ResolvedProfile;
  /** Sent as `reasoning_effort` only when set (the conversation's, else the profile's). */
  reasoningEffort: ReasoningEffort | undefined;
  signal: AbortSignal;
  backends: Pick<ChatBackends, 'client'>;
  timings: StreamTimings;
  retry: RetryPolicy;
  clock: () => number;
  /** Learns from the server's prompt count (calibration of our token counts). */
  context: Pick<ContextPlanner, 'learn'>;
  /** The conversation's tools: sent with each request, and their calls run between rounds. */
  tools?: ToolSession;
  /** The model's capabilities say it takes no tools: the reply fails with this before any request. */
  toolsRefused?: UserError;
}

/**
 * Streams into `reply` (already saved and announced) and ends it. Resolves once it has ended.
 * The reply's parts grow from the engine's typed deltas (`ReplyParts`); a continued reply keeps
 * its parts as they were and gains new ones after them. With tools, each round's calls are run
 * (tools/tool-round.ts) and the request is sent again with the reply's parts so far rebuilt into
 * the history, until the model answers without calls or the round limit is reached.
 */
export async function streamIntoReply(sink: ReplySink, input: ReplyStreamInput): Promise<void> {
  const { conversationId } = sink;
  const { reply, plan, profile, reasoningEffort, tools } = input;
  if (input.toolsRefused) {
    finishReply(sink, reply, { outcome: { kind: 'failed', error: input.toolsRefused } }, false);
    return;
  }
  const model = reply.model ?? '';
  const target = targetOf(profile);
  const { temperature, topP, maxTokens } = profile.params;
  const parts = new ReplyParts(reply.parts, tools?.describe);
  // A continued reply's earlier parts are already in the plan (as the partial answer).
  const ownFrom = reply.parts.length;
  let messages = plan.messages;
  let usage: Usage | undefined;

  for (let round = 1; ; round++) {
    const streamed = await streamReply({
      client: input.backends.client(target),
      request: {
        model,
        messages,
        temperature,
        topP,
        maxTokens,
        ...(reasoningEffort ? { reasoningEffort } : {}),
        ...(tools ? { tools: tools.definitions } : {}),
      },
      signal: input.signal,
      timings: input.timings,
      retry: input.retry,
      failure: { ...target, model, ...(sendsImages(plan) ? { sentImages: true } : {}) },
      clock: input.clock,
      onProgress: (progress) => sink.emit({ type: 'progress', ...progress }),
      onDelta: (delta) => {
        for (const event of parts.apply(delta, input.clock())) sink.emit(event);
        sink.store.updateMessage(conversationId, reply, 'checkpoint');
      },
      // Every piece, uncoalesced: only for what the server says about itself (the parts come from onDelta).
      onPiece: (_piece, progress) => {
        if (progress.responseId) reply.responseId = progress.responseId;
        if (progress.model) reply.model = progress.model;
      },
    });

    const { stream, metrics } = streamed;
    const endedInReasoning = streamed.endedInReasoning === true || parts.inReasoning;
    const calls = parts.roundCalls;
    for (const event of parts.end(input.clock())) sink.emit(event);
    if (stream.responseId) reply.responseId = stream.responseId;
    if (stream.model) reply.model = stream.model;
    usage = addUsage(usage, streamed.usage);
    if (usage) reply.usage = usage;
    reply.metrics = metrics;
    if (round === 1 && stream.usage && stream.usage.promptTokens > 0) {
      // The server's own count of this prompt: shown instead of ours, and used to calibrate ours.
      if (reply.context)
        reply.context = { ...reply.context, promptTokens: stream.usage.promptTokens, estimated: false };
      if (plan.rawTokens !== undefined)
        input.context.learn(profile.id, model, stream.usage.promptTokens, plan.rawTokens);
    }
    let outcome = streamed.outcome;
    if (outcome.kind === 'failed' && tools)
      outcome = { kind: 'failed', error: toolsRefusal(outcome.error, { ...target, model }, conversationId) };
    // Calls count whatever the finish reason says (some gateways end a round of calls with "stop").
    if (!tools || outcome.kind !== 'finished' || calls.length === 0)
      return finishReply(sink, reply, { outcome }, endedInReasoning);

    const put = (part: MessagePart) => {
      sink.emit(parts.put(part));
      sink.store.updateMessage(conversationId, reply, 'checkpoint');
    };
    if (round > tools.maxRounds) {
      stopAtRoundLimit(tools.maxRounds, calls, parts, put);
      return finishReply(sink, reply, { outcome }, false);
    }
    await tools.run({
      conversationId,
      replyId: reply.id,
      calls,
      signal: input.signal,
      maxResultChars: resultRoomChars(roomTokens(plan, reply.parts), calls.length),
      newResultId: () => parts.newResultId(),
      put,
    });
    if (input.signal.aborted) return finishReply(sink, reply, { outcome: { kind: 'cancelled' } }, false);
    messages = [...plan.messages, ...toolRoundMessages(reply.parts.slice(ownFrom))];
  }
}

/** The model wants more rounds than allowed: its calls are not run, and the reply says why. */
function stopAtRoundLimit(
  limit: number,
  calls: readonly ToolCallPart[],
  parts: ReplyParts,
  put: (part: MessagePart) => void,
): void {
  const why = `Not run: the limit of ${limit} tool rounds for one reply was reached.`;
  for (const call of calls) {
    put({ ...call, status: 'cancelled' });
    put({
      type: 'tool-result',
      id: parts.newResultId(),
      callId: call.callId,
      name: call.name,
      content: why,
      isError: true,
    });
  }
  const text = `[Stopped after ${limit} rounds of tool calls, the limit set in Settings → Tools. Raise it there, or ask again.]`;
  put({ type: 'text', id: `limit${calls[0]?.id ?? ''}`, text });
}

/** Tokens left in the context for this round's results: the budget minus the history and the reply so far. */
function roomTokens(plan: RequestPlan, replyParts: readonly MessagePart[]): number {
  if (plan.replyContext === undefined) return 0;
  const { budgetTokens, promptTokens } = plan.replyContext;
  // About 4 characters a token: a rough share is enough, the cut keeps a safe margin itself.
  const replyTokens = Math.ceil(toolPartsText(replyParts).length / 4);
  return budgetTokens - promptTokens - replyTokens;
}

function addUsage(total: Usage | undefined, round: Usage | undefined): Usage | undefined {
  if (!round) return total;
  if (!total) return { ...round };
  const sum: Usage = {
    promptTokens: round.promptTokens,
    completionTokens: total.completionTokens + round.completionTokens,
    totalTokens: total.totalTokens + round.totalTokens,
  };
  const reasoning = (total.reasoningTokens ?? 0) + (round.reasoningTokens ?? 0);
  if (reasoning > 0) sum.reasoningTokens = reasoning;
  return sum;
}

function finishReply(
  sink: ReplySink,
  reply: Message,
  { outcome }: Pick<StreamedReply, 'outcome'>,
  endedInReasoning: boolean,
): void {
  let event: UnnumberedEvent;
  if (outcome.kind === 'finished') {
    reply.finishReason = outcome.finishReason;
    const thoughtOnly = answerText(reply).length === 0 && hasAnyText(reply);
    if (thoughtOnly) {
      // Reasoning without an answer is not a success: the reasoning is kept and the user told why.
      const error = noAnswer(endedInReasoning, outcome.finishReason);
      reply.status = 'incomplete';
      reply.error = error;
      event = { type: 'failed', message: reply, error };
    } else {
      reply.status = 'complete';
      event = { type: 'finished', message: reply, ...(reply.usage ? { usage: reply.usage } : {}) };
    }
  } else if (outcome.kind === 'cancelled') {
    reply.status = 'cancelled';
    event = { type: 'cancelled', message: reply };
  } else {
    reply.status = hasAnyText(reply) ? 'incomplete' : 'failed';
    reply.error = outcome.error;
    event = { type: 'failed', message: reply, error: outcome.error };
  }
  try {
    sink.store.updateMessage(sink.conversationId, reply, 'final');
  } catch (error) {
    // The reply could not be saved (disk full, conversation deleted mid-stream): say so, keep the text on screen.
    const failure =
      error instanceof AppError
        ? error.userError
        : userError(
            'internal',
            'The reply could not be saved.',
            'Check free disk space; copy the text if you need it.',
            { detail: error instanceof Error ? error.message : String(error) },
          );
    event = { type: 'failed', message: { ...reply, error: failure }, error: failure };
  }
  sink.emit(event);
}

/** Whether the request carries an image (a refusal then reads as "this model cannot see"). */
function sendsImages(plan: RequestPlan): boolean {
  return plan.messages.some((m) => Array.isArray(m.content) && m.content.some((p) => p.type === 'image_url'));
}

/** Which profile produced a message, by id and by its name at the time. */
export function provenance(profile: ResolvedProfile | undefined): Pick<Message, 'profileId' | 'profileName'> {
  return profile ? { profileId: profile.id, profileName: profile.name } : {};
}
