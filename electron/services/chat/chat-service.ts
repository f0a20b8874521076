import type { ChatStreamEvent } from '../../../shared/contract/chat-stream';
import type { Conversation, Message } from '../../../shared/domain/conversation';
import { userError } from '../../../shared/domain/errors';
import { computeMetrics } from '../../../shared/domain/reply-metrics';
import { AppError, conversationNotFound } from '../app-error';
import type OpenAI from 'openai';
import type { BackendTarget } from '../profiles/backend-target';
import type { ResolvedProfile } from '../profiles/profile-service';
import { describeFailure } from '../backend/describe-failure';
import { defaultRetryPolicy, type RetryPolicy } from '../backend/retry-delay';
import { ContextLengths } from '../profiles/context-length';
import type { ConversationStore } from '../store/conversation-store';
import { ContextPlanner, type ContextPlan, type RequestMessage } from './context-planner';
import { DeltaBatcher } from './delta-batcher';
import { asText, replyFigures } from './reply-figures';
import { preciseNow } from './stream-completion';
import { streamWithRetries, type StreamOutcome } from './stream-with-retries';

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
  store: Pick<
    ConversationStore,
    'get' | 'appendMessage' | 'updateMessage' | 'removeMessage' | 'replaceTurnsFrom'
  >;
  backends: ChatBackends;
  emit: (event: ChatStreamEvent) => void;
  timings?: Partial<ChatTimings>;
  retry?: Partial<RetryPolicy>;
  /** Wall clock for `createdAt`. */
  now?: () => number;
  /** Clock of the reply metrics (epoch ms); precise by default, since fast local backends need it. */
  clock?: () => number;
  newId?: () => string;
  /**
   * Fits each request's history to the model's context (and learns from the server's counts). The
   * app passes the one the context meter uses; by default a private one.
   */
  context?: ContextPlanner;
}

interface ActiveStream {
  streamId: string;
  conversationId: string;
  controller: AbortController;
  /** Set once we aborted, so a second Stop is a no-op. */
  reason?: 'cancel' | 'shutdown';
}

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
  readonly #clock: () => number;
  readonly #newId: () => string;
  readonly #context: ContextPlanner;

  constructor(private readonly deps: ChatServiceDeps) {
    this.#timings = { ...defaultChatTimings, ...deps.timings };
    this.#retry = { ...defaultRetryPolicy, ...deps.retry };
    this.#now = deps.now ?? Date.now;
    this.#clock = deps.clock ?? preciseNow;
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
    this.#context = deps.context ?? new ContextPlanner({ lengths: new ContextLengths() });
  }

  /** Saves the user's message at once (it is never lost), then streams the reply in the background. */
  async send(
    conversationId: string,
    text: string,
  ): Promise<{ streamId: string; userMessage: Message; replyId: string }> {
    this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    return this.#sendUserMessage(conversationId, text);
  }

  /**
   * Edit and resend: user message `messageId` and everything after it move to the trash as one
   * `turns` item (the store keeps the conversation as it was, restorable as "<title> (earlier
   * version)"), then `text` is sent as a new message exactly like `send`. The system prompt stays:
   * where it sat after the edited message it is put back before the new one.
   */
  async editAndResend(
    conversationId: string,
    messageId: string,
    text: string,
  ): Promise<{ streamId: string; userMessage: Message; replyId: string }> {
    const conversation = this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    const target = conversation.messages.find((m) => m.id === messageId);
    if (!target)
      throw new AppError(
        userError('not-found', 'That message is no longer in the conversation.', 'Reload the conversation.'),
      );
    if (target.role !== 'user')
      throw new AppError(
        userError(
          'invalid-input',
          'Only your own messages can be edited and sent again.',
          'Pick one of your messages.',
        ),
      );
    const system = conversation.messages.find((m) => m.role === 'system');
    const { removed } = this.deps.store.replaceTurnsFrom(conversationId, messageId);
    if (system && removed.some((m) => m.id === system.id))
      this.deps.store.appendMessage(conversationId, system);
    return this.#sendUserMessage(conversationId, text, messageId);
  }

  /**
   * Saves a user message at once (it is never lost), then streams the reply in the background.
   * `truncatedFrom`: an edit replaced the turns from that message on (other windows drop them).
   */
  async #sendUserMessage(
    conversationId: string,
    text: string,
    truncatedFrom?: string,
  ): Promise<{ streamId: string; userMessage: Message; replyId: string }> {
    const userMessage: Message = {
      id: this.#newId(),
      role: 'user',
      content: text,
      createdAt: this.#now(),
      status: 'complete',
    };
    this.deps.store.appendMessage(conversationId, userMessage);
    const { streamId, replyId } = await this.#startReply(conversationId, {
      userMessage,
      ...(truncatedFrom ? { truncatedFrom } : {}),
    });
    return { streamId, userMessage, replyId };
  }

  /** Drops the last reply (failed, cancelled, incomplete or not) and asks again. */
  async retry(conversationId: string): Promise<{ streamId: string; replyId: string }> {
    const conversation = this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    const last = lastTurnMessage(conversation);
    const lastUser = conversation.messages.findLast((m) => m.role === 'user');
    if (!lastUser)
      throw new AppError(
        userError('invalid-input', 'There is no message to answer yet.', 'Type a message and send it.'),
      );
    const replaced = last?.role === 'assistant' ? last.id : undefined;
    if (replaced) this.deps.store.removeMessage(conversationId, replaced);
    return this.#startReply(conversationId, replaced ? { replaces: replaced } : {});
  }

  /**
   * Asks the model to go on from a reply that was cut off or stopped, appending to the same message
   * (the partial text stays as it was; nothing already shown is replaced).
   */
  async continue(conversationId: string): Promise<{ streamId: string; replyId: string }> {
    const conversation = this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    const last = lastTurnMessage(conversation);
    if (last?.role !== 'assistant' || last.content.length === 0 || last.status === 'complete') {
      throw new AppError(
        userError('invalid-input', 'There is no unfinished reply to continue.', 'Use Retry to ask again.'),
      );
    }
    return this.#startReply(conversationId, { continuing: last });
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

  /**
   * `userMessage`, `replaces` and `truncatedFrom` travel on `started` so every window (main and tray)
   * shows the same conversation, whichever one sent it.
   */
  async #startReply(
    conversationId: string,
    {
      continuing,
      userMessage,
      replaces,
      truncatedFrom,
    }: { continuing?: Message; userMessage?: Message; replaces?: string; truncatedFrom?: string },
  ): Promise<{ streamId: string; replyId: string }> {
    const shared = {
      ...(userMessage ? { userMessage } : {}),
      ...(replaces ? { replaces } : {}),
      ...(truncatedFrom ? { truncatedFrom } : {}),
    };
    const streamId = this.#newId();
    const replyId = continuing?.id ?? this.#newId();
    const active: ActiveStream = { streamId, conversationId, controller: new AbortController() };
    this.#active.set(streamId, active);
    const reply: Message = continuing
      ? { ...withoutError(continuing), status: 'streaming' }
      : { id: replyId, role: 'assistant', content: '', createdAt: this.#now(), status: 'streaming' };

    let profile: ResolvedProfile | undefined;
    let model: string;
    const resolvingSince = this.#clock();
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
      // No request was sent: the metrics say only how long it took to fail.
      const metrics = computeMetrics({
        requestedAt: resolvingSince,
        finishedAt: this.#clock(),
        retries: 0,
        usageEstimated: false,
      });
      const failed: Message = continuing
        ? { ...continuing, error: failure }
        : { ...reply, status: 'failed', error: failure, metrics, ...provenance(profile) };
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
          ...shared,
        });
        this.deps.emit({ type: 'failed', streamId, message: failed, error: failure });
      });
      return { streamId, replyId };
    }

    Object.assign(reply, { model, ...provenance(profile) });
    const plan = await this.#plan(
      conversationId,
      replyId,
      profile,
      model,
      continuing ? reply.content : undefined,
    );
    if (plan.replyContext) reply.context = plan.replyContext;
    try {
      if (continuing) this.deps.store.updateMessage(conversationId, reply, 'final');
      else this.deps.store.appendMessage(conversationId, reply);
    } catch (error) {
      // Deleted while the request was being planned (or the disk refused): nothing was sent.
      this.#active.delete(streamId);
      throw error;
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
      ...shared,
      ...(plan.replyContext ? { context: plan.replyContext } : {}),
    });
    const done = this.#run(active, reply, plan, profile).finally(() => {
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

  /**
   * The multi-turn history sent with a request, fitted to the model's context: the system prompt
   * first (wherever it is in the list), then the newest turns that fit (context-planner.ts). A
   * continued reply's partial text and the continue prompt always go last.
   */
  async #plan(
    conversationId: string,
    replyId: string,
    profile: ResolvedProfile,
    model: string,
    continuingText: string | undefined,
  ): Promise<Pick<ContextPlan, 'messages'> & Partial<Omit<ContextPlan, 'messages'>>> {
    const messages = this.#conversation(conversationId).messages.filter((m) => m.id !== replyId);
    const tail: RequestMessage[] =
      continuingText === undefined
        ? []
        : [
            { role: 'assistant', content: continuingText },
            { role: 'user', content: CONTINUE_PROMPT },
          ];
    try {
      return await this.#context.plan({ profile, model, messages, tail });
    } catch (error) {
      // Trimming is a refinement: if it breaks, send what we always sent rather than nothing.
      console.error('[chat] could not fit the history to the context; sending all of it', error);
      const all = messages.filter((m) => m.content.length > 0 && m.status !== 'failed');
      const system = all.find((m) => m.role === 'system');
      const ordered = system ? [system, ...all.filter((m) => m !== system)] : all;
      return { messages: [...ordered.map((m) => ({ role: m.role, content: m.content })), ...tail] };
    }
  }

  async #run(
    active: ActiveStream,
    reply: Message,
    plan: Pick<ContextPlan, 'messages'> & Partial<Pick<ContextPlan, 'rawTokens'>>,
    profile: ResolvedProfile,
  ): Promise<void> {
    const history = plan.messages;
    const { streamId, conversationId, controller } = active;
    const model = reply.model ?? '';
    const { maxAttempts } = this.#retry;
    let seq = 0;
    const batcher = new DeltaBatcher(this.#timings.deltaIntervalMs, (text) =>
      this.deps.emit({ type: 'delta', streamId, seq: seq++, text }),
    );
    const target = targetOf(profile);
    const { temperature, topP, maxTokens } = profile.params;

    const { outcome, stream, retries } = await streamWithRetries({
      client: this.deps.backends.client(target),
      request: { model, messages: history, temperature, topP, maxTokens },
      signal: controller.signal,
      idleTimeoutMs: this.#timings.idleTimeoutMs,
      loadingNoticeMs: this.#timings.loadingNoticeMs,
      retry: this.#retry,
      failure: { ...target, model },
      now: this.#clock,
      onAttempt: (attempt) =>
        this.deps.emit({ type: 'progress', streamId, phase: 'waiting', attempt, maxAttempts }),
      onLoading: (attempt) =>
        this.deps.emit({ type: 'progress', streamId, phase: 'loading', attempt, maxAttempts }),
      onRetry: (attempt, retryInMs, failure) =>
        this.deps.emit({
          type: 'progress',
          streamId,
          phase: 'retrying',
          attempt,
          maxAttempts,
          retryInMs,
          reason: failure.message,
        }),
      onText: (text, progress) => {
        reply.content += text;
        if (progress.responseId) reply.responseId = progress.responseId;
        if (progress.model) reply.model = progress.model;
        batcher.push(text);
        this.deps.store.updateMessage(conversationId, reply, 'checkpoint');
      },
    });
    batcher.flush();

    if (stream.responseId) reply.responseId = stream.responseId;
    if (stream.model) reply.model = stream.model;
    const { usage, metrics } = await replyFigures(stream, retries, asText(history));
    if (usage) reply.usage = usage;
    reply.metrics = metrics;
    if (stream.usage && stream.usage.promptTokens > 0) {
      // The server's own count of this prompt: shown instead of ours, and used to calibrate ours.
      if (reply.context)
        reply.context = { ...reply.context, promptTokens: stream.usage.promptTokens, estimated: false };
      if (plan.rawTokens !== undefined)
        this.#context.learn(profile.id, model, stream.usage.promptTokens, plan.rawTokens);
    }
    this.#finish(streamId, conversationId, reply, outcome);
  }

  #finish(streamId: string, conversationId: string, reply: Message, outcome: StreamOutcome): void {
    let event: ChatStreamEvent;
    if (outcome.kind === 'finished') {
      reply.status = 'complete';
      reply.finishReason = outcome.finishReason;
      event = {
        type: 'finished',
        streamId,
        message: reply,
        ...(reply.usage ? { usage: reply.usage } : {}),
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
    this.deps.emit(event);
  }
}

/** Sent (not saved) after a partial reply, so any OpenAI-compatible backend picks up where it stopped. */
const CONTINUE_PROMPT =
  'Continue your previous reply exactly where it stopped. Do not repeat anything, do not add a preamble.';

/** The last message of the conversation's turns: a system prompt set after a reply does not count. */
function lastTurnMessage(conversation: Conversation): Message | undefined {
  return conversation.messages.findLast((m) => m.role !== 'system');
}

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
