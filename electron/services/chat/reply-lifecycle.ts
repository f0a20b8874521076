import { AppError } from '../app-error';
import type { ChatStreamEvent } from '../../../shared/contract/chat-stream';
import type { Message } from '../../../shared/domain/conversation';
import { userError, type UserError } from '../../../shared/domain/errors';
import { computeMetrics } from '../../../shared/domain/compute-metrics';
import type { ResolvedProfile } from '../profiles/profile-service';
import type { ConversationStore } from '../store/conversation-store';
import type { RetryPolicy } from '../streaming/retry-delay';
import { streamReply, type StreamTimings } from '../streaming/stream-reply';
import type { StreamOutcome } from '../streaming/stream-with-retries';
import type { ContextPlanner } from './context-planner';
import { targetOf, type ChatBackends, type RequestPlan } from './turn-preparation';

/**
 * A reply's life once it has a stream id: streamed into its saved message (checkpointed as it
 * grows), then ended exactly once as finished, cancelled or failed, in the store and as an event.
 */

/** Where a reply is kept and where its events go. */
export interface ReplySink {
  store: Pick<ConversationStore, 'appendMessage' | 'updateMessage'>;
  emit: (event: ChatStreamEvent) => void;
}

type StartedEvent = Extract<ChatStreamEvent, { type: 'started' }>;

/** What travels on `started` so every window (main and tray) shows the same turn, whichever sent it. */
export type TurnChange = Pick<StartedEvent, 'userMessage' | 'replaces' | 'truncatedFrom'>;

export interface ReplyIds {
  streamId: string;
  conversationId: string;
}

/**
 * No request was sent (no profile, offline, no model): the reply is saved as failed, timed only
 * by how long it took to fail, and reported as a stream that failed at once, so the renderer has
 * one path for every failure. A continued reply keeps its text and gains the error.
 */
export function failBeforeRequest(
  sink: ReplySink,
  ids: ReplyIds,
  input: {
    reply: Message;
    continuing: Message | undefined;
    profile: ResolvedProfile | undefined;
    failure: UserError;
    since: number;
    at: number;
    turn: TurnChange;
  },
): void {
  const { streamId, conversationId } = ids;
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
      streamId,
      conversationId,
      replyId: reply.id,
      model: '',
      profileId: profile?.id ?? '',
      profileName: profile?.name ?? '',
      ...input.turn,
    });
    sink.emit({ type: 'failed', streamId, message: failed, error: failure });
  });
}

export interface ReplyStreamInput {
  reply: Message;
  plan: RequestPlan;
  profile: ResolvedProfile;
  signal: AbortSignal;
  backends: Pick<ChatBackends, 'client'>;
  timings: StreamTimings;
  retry: RetryPolicy;
  clock: () => number;
  /** Learns from the server's prompt count (calibration of our token counts). */
  context: Pick<ContextPlanner, 'learn'>;
}

/** Streams into `reply` (already saved and announced) and ends it. Resolves once it has ended. */
export async function streamIntoReply(
  sink: ReplySink,
  ids: ReplyIds,
  input: ReplyStreamInput,
): Promise<void> {
  const { streamId, conversationId } = ids;
  const { reply, plan, profile } = input;
  const model = reply.model ?? '';
  const target = targetOf(profile);
  const { temperature, topP, maxTokens } = profile.params;
  let seq = 0;

  const { outcome, stream, usage, metrics } = await streamReply({
    client: input.backends.client(target),
    request: { model, messages: plan.messages, temperature, topP, maxTokens },
    signal: input.signal,
    timings: input.timings,
    retry: input.retry,
    failure: { ...target, model },
    clock: input.clock,
    onProgress: (progress) => sink.emit({ type: 'progress', streamId, ...progress }),
    onDelta: ({ text }) => sink.emit({ type: 'delta', streamId, seq: seq++, text }),
    onText: (text, progress) => {
      reply.content += text;
      if (progress.responseId) reply.responseId = progress.responseId;
      if (progress.model) reply.model = progress.model;
      sink.store.updateMessage(conversationId, reply, 'checkpoint');
    },
  });

  if (stream.responseId) reply.responseId = stream.responseId;
  if (stream.model) reply.model = stream.model;
  if (usage) reply.usage = usage;
  reply.metrics = metrics;
  if (stream.usage && stream.usage.promptTokens > 0) {
    // The server's own count of this prompt: shown instead of ours, and used to calibrate ours.
    if (reply.context)
      reply.context = { ...reply.context, promptTokens: stream.usage.promptTokens, estimated: false };
    if (plan.rawTokens !== undefined)
      input.context.learn(profile.id, model, stream.usage.promptTokens, plan.rawTokens);
  }
  finishReply(sink, ids, reply, outcome);
}

function finishReply(sink: ReplySink, ids: ReplyIds, reply: Message, outcome: StreamOutcome): void {
  const { streamId, conversationId } = ids;
  let event: ChatStreamEvent;
  if (outcome.kind === 'finished') {
    reply.status = 'complete';
    reply.finishReason = outcome.finishReason;
    event = { type: 'finished', streamId, message: reply, ...(reply.usage ? { usage: reply.usage } : {}) };
  } else if (outcome.kind === 'cancelled') {
    reply.status = 'cancelled';
    event = { type: 'cancelled', streamId, message: reply };
  } else {
    reply.status = reply.content.length > 0 ? 'incomplete' : 'failed';
    reply.error = outcome.error;
    event = { type: 'failed', streamId, message: reply, error: outcome.error };
  }
  try {
    sink.store.updateMessage(conversationId, reply, 'final');
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
    event = { type: 'failed', streamId, message: { ...reply, error: failure }, error: failure };
  }
  sink.emit(event);
}

/** Which profile produced a message, by id and by its name at the time. */
export function provenance(profile: ResolvedProfile | undefined): Pick<Message, 'profileId' | 'profileName'> {
  return profile ? { profileId: profile.id, profileName: profile.name } : {};
}
