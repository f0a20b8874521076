import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatStreamEvent } from '../../../shared/contract/chat-stream';
import type { Conversation, Message, Usage } from '../../../shared/domain/conversation';
import { userError, type UserError } from '../../../shared/domain/errors';
import { AppError, conversationNotFound } from '../app-error';
import type OpenAI from 'openai';
import type { BackendTarget } from '../profiles/backend-target';
import type { ResolvedProfile } from '../profiles/profile-service';
import { describeFailure, incompleteError, stalledError } from '../backend/describe-failure';
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from '../backend/retry-delay';
import type { ConversationStore } from '../store/conversation-store';
import { cancellableSleep } from './cancellable-sleep';
import { DeltaBatcher } from './delta-batcher';
import { withIdleWatchdog } from './idle-watchdog';

export interface ChatTimings {
  /** A stream silent this long after headers is cut (the SDK's timeout no longer applies). */
  idleTimeoutMs: number;
  /** With no response headers after this long, tell the user the model is probably loading. */
  loadingNoticeMs: number;
  /** Coalescing window for deltas sent to the renderer. */
  deltaIntervalMs: number;
}

export const defaultChatTimings: ChatTimings = {
  idleTimeoutMs: 60_000,
  loadingNoticeMs: 1_500,
  deltaIntervalMs: 16,
};

/** Where a conversation's requests go: its profile (with the key, main only) and model. */
export interface ChatBackends {
  forConversation(conversation: Conversation): Promise<{ profile: ResolvedProfile; chosenModel?: string }>;
  client(target: BackendTarget): OpenAI;
  firstModel(target: BackendTarget): Promise<string>;
  /** Remembers a model discovered from `/models` for a profile that had none. */
  rememberModel(profileId: string, model: string): void;
}

export interface ChatServiceDeps {
  store: Pick<ConversationStore, 'get' | 'appendMessage' | 'updateMessage' | 'removeMessage'>;
  backends: ChatBackends;
  emit: (event: ChatStreamEvent) => void;
  timings?: Partial<ChatTimings>;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  newId?: () => string;
}

interface ActiveStream {
  streamId: string;
  conversationId: string;
  controller: AbortController;
  /** Why we aborted, so the catch block can tell a user's Stop from the watchdog. */
  reason?: 'cancel' | 'stall' | 'shutdown';
}

type Outcome =
  | { kind: 'finished'; finishReason: string; usage?: Usage }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: UserError };

/**
 * Streams replies from the backend into the store and out as chat stream events. Owns every
 * request's AbortController. Plain Node: the SDK client, store and event sink are arguments.
 */
export class ChatService {
  readonly #active = new Map<string, ActiveStream>();
  readonly #done = new Map<string, Promise<void>>();
  readonly #timings: ChatTimings;
  readonly #retry: RetryPolicy;
  readonly #now: () => number;
  readonly #newId: () => string;

  constructor(private readonly deps: ChatServiceDeps) {
    this.#timings = { ...defaultChatTimings, ...deps.timings };
    this.#retry = { ...defaultRetryPolicy, ...deps.retry };
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /** Saves the user's message at once (it is never lost), then streams the reply in the background. */
  async send(
    conversationId: string,
    text: string,
  ): Promise<{ streamId: string; userMessage: Message; replyId: string }> {
    this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    const userMessage: Message = {
      id: this.#newId(),
      role: 'user',
      content: text,
      createdAt: this.#now(),
      status: 'complete',
    };
    this.deps.store.appendMessage(conversationId, userMessage);
    const { streamId, replyId } = await this.#startReply(conversationId);
    return { streamId, userMessage, replyId };
  }

  /** Drops the last reply (failed, cancelled, incomplete or not) and asks again. */
  async retry(conversationId: string): Promise<{ streamId: string; replyId: string }> {
    const conversation = this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    const last = conversation.messages.at(-1);
    if (last?.role === 'assistant') this.deps.store.removeMessage(conversationId, last.id);
    const lastUser = conversation.messages.findLast((m) => m.role === 'user');
    if (!lastUser)
      throw new AppError(
        userError('invalid-input', 'There is no message to answer yet.', 'Type a message and send it.'),
      );
    return this.#startReply(conversationId);
  }

  /**
   * Asks the model to go on from a reply that was cut off or stopped, appending to the same message
   * (the partial text stays as it was; nothing already shown is replaced).
   */
  async continue(conversationId: string): Promise<{ streamId: string; replyId: string }> {
    const conversation = this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    const last = conversation.messages.at(-1);
    if (last?.role !== 'assistant' || last.content.length === 0 || last.status === 'complete') {
      throw new AppError(
        userError('invalid-input', 'There is no unfinished reply to continue.', 'Use Retry to ask again.'),
      );
    }
    return this.#startReply(conversationId, last);
  }

  /** Idempotent: true only for the call that actually stopped a running stream. */
  cancel(streamId: string): boolean {
    const active = this.#active.get(streamId);
    if (!active || active.reason) return false;
    active.reason = 'cancel';
    active.controller.abort();
    return true;
  }

  /** Stops every stream (app shutdown); partial replies are saved as cancelled. */
  async shutdown(): Promise<void> {
    const running = [...this.#active.values()];
    for (const active of running) {
      active.reason ??= 'shutdown';
      active.controller.abort();
    }
    await Promise.all(running.map((a) => this.#done.get(a.streamId)));
  }

  isStreaming(conversationId: string): boolean {
    return this.streamsOf(conversationId).length > 0;
  }

  streamsOf(conversationId: string): string[] {
    return [...this.#active.values()]
      .filter((a) => a.conversationId === conversationId)
      .map((a) => a.streamId);
  }

  #conversation(id: string): Conversation {
    const conversation = this.deps.store.get(id);
    if (!conversation) {
      throw conversationNotFound();
    }
    return conversation;
  }

  #refuseIfBusy(conversationId: string): void {
    if (this.isStreaming(conversationId)) {
      throw new AppError(
        userError(
          'busy',
          'A reply is still streaming in this conversation.',
          'Wait for it to finish, or press Stop first.',
        ),
      );
    }
  }

  async #startReply(
    conversationId: string,
    continuing?: Message,
  ): Promise<{ streamId: string; replyId: string }> {
    const streamId = this.#newId();
    const replyId = continuing?.id ?? this.#newId();
    const active: ActiveStream = { streamId, conversationId, controller: new AbortController() };
    this.#active.set(streamId, active);
    const reply: Message = continuing
      ? { ...withoutError(continuing), status: 'streaming' }
      : { id: replyId, role: 'assistant', content: '', createdAt: this.#now(), status: 'streaming' };

    let profile: ResolvedProfile | undefined;
    let model: string;
    try {
      const backend = await this.deps.backends.forConversation(this.#conversation(conversationId));
      profile = backend.profile;
      model = await this.#model(profile, backend.chosenModel);
    } catch (error) {
      this.#active.delete(streamId);
      const failure =
        error instanceof AppError
          ? error.userError
          : describeFailure(error, {
              baseUrl: profile?.baseUrl ?? '',
              ...(profile ? targetOf(profile) : {}),
            });
      const failed: Message = continuing
        ? { ...continuing, error: failure }
        : { ...reply, status: 'failed', error: failure, ...provenance(profile) };
      if (continuing) this.deps.store.updateMessage(conversationId, failed, 'final');
      else this.deps.store.appendMessage(conversationId, failed);
      // Reported as a stream that failed at once, so the renderer has one path for every failure.
      queueMicrotask(() => {
        this.deps.emit({
          type: 'started',
          streamId,
          conversationId,
          replyId,
          model: '',
          profileId: profile?.id ?? '',
          profileName: profile?.name ?? '',
        });
        this.deps.emit({ type: 'failed', streamId, message: failed, error: failure });
      });
      return { streamId, replyId };
    }

    Object.assign(reply, { model, ...provenance(profile) });
    const history = this.#history(conversationId, replyId);
    if (continuing) {
      this.deps.store.updateMessage(conversationId, reply, 'final');
      history.push({ role: 'assistant', content: reply.content }, { role: 'user', content: CONTINUE_PROMPT });
    } else {
      this.deps.store.appendMessage(conversationId, reply);
    }
    this.deps.emit({
      type: 'started',
      streamId,
      conversationId,
      replyId,
      model,
      profileId: profile.id,
      profileName: profile.name,
      ...(continuing ? { initialText: reply.content } : {}),
    });
    const done = this.#run(active, reply, history, profile).finally(() => {
      this.#active.delete(streamId);
      this.#done.delete(streamId);
    });
    this.#done.set(streamId, done);
    return { streamId, replyId };
  }

  /** The conversation's model, else the profile's, else the first the backend lists (remembered). */
  async #model(profile: ResolvedProfile, chosen: string | undefined): Promise<string> {
    const named = chosen ?? profile.defaultModel;
    if (named) return named;
    const first = await this.deps.backends.firstModel(targetOf(profile));
    this.deps.backends.rememberModel(profile.id, first);
    return first;
  }

  /** The multi-turn history sent with a request: every earlier turn that has text. */
  #history(conversationId: string, replyId: string): ChatCompletionMessageParam[] {
    const conversation = this.#conversation(conversationId);
    return conversation.messages
      .filter((m) => m.id !== replyId && m.content.length > 0 && m.status !== 'failed')
      .map((m) => ({ role: m.role, content: m.content }));
  }

  async #run(
    active: ActiveStream,
    reply: Message,
    history: ChatCompletionMessageParam[],
    profile: ResolvedProfile,
  ): Promise<void> {
    const { streamId, conversationId, controller } = active;
    // A continued reply starts with text the user already has: retry only while nothing new arrived.
    const startLength = reply.content.length;
    const model = reply.model ?? '';
    let seq = 0;
    const batcher = new DeltaBatcher(this.#timings.deltaIntervalMs, (text) =>
      this.deps.emit({ type: 'delta', streamId, seq: seq++, text }),
    );
    const target = targetOf(profile);
    const context = { ...target, model };
    const { temperature, topP, maxTokens } = profile.params;
    let outcome: Outcome | undefined;

    for (let attempt = 1; !outcome; attempt++) {
      this.deps.emit({
        type: 'progress',
        streamId,
        phase: 'waiting',
        attempt,
        maxAttempts: this.#retry.maxAttempts,
      });
      const loadingNotice = setTimeout(
        () =>
          this.deps.emit({
            type: 'progress',
            streamId,
            phase: 'loading',
            attempt,
            maxAttempts: this.#retry.maxAttempts,
          }),
        this.#timings.loadingNoticeMs,
      );
      let finishReason: string | undefined;
      try {
        const stream = await this.deps.backends.client(target).chat.completions.create(
          {
            model,
            messages: history,
            stream: true,
            stream_options: { include_usage: true },
            ...(temperature !== undefined ? { temperature } : {}),
            ...(topP !== undefined ? { top_p: topP } : {}),
            ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
          },
          { signal: controller.signal },
        );
        clearTimeout(loadingNotice);
        const onIdle = () => {
          active.reason ??= 'stall';
          controller.abort();
        };
        for await (const chunk of withIdleWatchdog(stream, this.#timings.idleTimeoutMs, onIdle)) {
          if (chunk.id) reply.responseId = chunk.id;
          if (chunk.model) reply.model = chunk.model;
          const choice = chunk.choices[0];
          const text = choice?.delta?.content;
          if (text) {
            reply.content += text;
            batcher.push(text);
            this.deps.store.updateMessage(conversationId, reply, 'checkpoint');
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          if (chunk.usage) reply.usage = toUsage(chunk.usage);
        }
        if (active.reason) throw new Error('aborted');
        outcome = finishReason
          ? { kind: 'finished', finishReason, ...(reply.usage ? { usage: reply.usage } : {}) }
          : { kind: 'failed', error: incompleteError() };
      } catch (error) {
        clearTimeout(loadingNotice);
        if (active.reason === 'cancel' || active.reason === 'shutdown') outcome = { kind: 'cancelled' };
        else if (active.reason === 'stall')
          outcome = { kind: 'failed', error: stalledError(Math.round(this.#timings.idleTimeoutMs / 1000)) };
        else {
          const failure = describeFailure(error, context);
          // Retry only while nothing has reached the user: a retry after text was shown would
          // silently change an answer they already read.
          const canRetry =
            failure.retryable && reply.content.length === startLength && attempt < this.#retry.maxAttempts;
          if (!canRetry) outcome = { kind: 'failed', error: failure };
          else {
            const delay = retryDelayMs(error, attempt, this.#retry, this.#now());
            this.deps.emit({
              type: 'progress',
              streamId,
              phase: 'retrying',
              attempt: attempt + 1,
              maxAttempts: this.#retry.maxAttempts,
              retryInMs: delay,
              reason: failure.message,
            });
            try {
              await cancellableSleep(delay, controller.signal);
            } catch {
              outcome = { kind: 'cancelled' };
            }
          }
        }
      }
    }

    batcher.flush();
    this.#finish(streamId, conversationId, reply, outcome);
  }

  #finish(streamId: string, conversationId: string, reply: Message, outcome: Outcome): void {
    let event: ChatStreamEvent;
    if (outcome.kind === 'finished') {
      reply.status = 'complete';
      reply.finishReason = outcome.finishReason;
      event = {
        type: 'finished',
        streamId,
        message: reply,
        ...(outcome.usage ? { usage: outcome.usage } : {}),
      };
    } else if (outcome.kind === 'cancelled') {
      reply.status = 'cancelled';
      event = { type: 'cancelled', streamId, message: reply };
    } else {
      reply.status = reply.content.length > 0 ? 'incomplete' : 'failed';
      reply.error = outcome.error;
      event = { type: 'failed', streamId, message: reply, error: outcome.error };
    }
    try {
      this.deps.store.updateMessage(conversationId, reply, 'final');
    } catch (error) {
      // The reply could not be saved (disk full, conversation deleted mid-stream): say so, keep the text on screen.
      const failure = userError(
        'internal',
        'The reply could not be saved.',
        'Check free disk space; copy the text if you need it.',
        { detail: error instanceof Error ? error.message : String(error) },
      );
      event = { type: 'failed', streamId, message: { ...reply, error: failure }, error: failure };
    }
    this.deps.emit(event);
  }
}

function toUsage(usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }): Usage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
  };
}

/** Sent (not saved) after a partial reply, so any OpenAI-compatible backend picks up where it stopped. */
const CONTINUE_PROMPT =
  'Continue your previous reply exactly where it stopped. Do not repeat anything, do not add a preamble.';

function withoutError(message: Message): Message {
  const { error: _error, ...rest } = message;
  return rest;
}

function targetOf(profile: ResolvedProfile): BackendTarget {
  return {
    baseUrl: profile.baseUrl,
    kind: profile.kind,
    profileId: profile.id,
    ...(profile.apiKey ? { apiKey: profile.apiKey } : {}),
  };
}

/** Which profile produced a message, by id and by its name at the time. */
function provenance(profile: ResolvedProfile | undefined): Pick<Message, 'profileId' | 'profileName'> {
  return profile ? { profileId: profile.id, profileName: profile.name } : {};
}
