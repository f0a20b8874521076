import type { ChatStreamEvent, LiveReply } from '../../../shared/contract/chat-stream';
import type { Conversation, Message } from '../../../shared/domain/conversation';
import { userError } from '../../../shared/domain/errors';
import { answerText, textParts } from '../../../shared/domain/message-content';
import type { AttachmentPart } from '../../../shared/domain/message-parts';
import { AppError, conversationNotFound } from '../app-error';
import type { AttachmentReader } from '../attachments/attachment-reader';
import { ContextLengths } from '../backends/context-length';
import type { ConversationStore } from '../store/conversation-store';
import { defaultRetryPolicy, type RetryPolicy } from '../streaming/retry-delay';
import { preciseNow } from '../streaming/stream-completion';
import { defaultStreamTimings, type StreamTimings } from '../streaming/stream-reply';
import { storedAttachments } from './attachment-check';
import { ContextPlanner } from './context-planner';
import { LiveReplies, streamEmitter } from './live-replies';
import { failBeforeRequest, provenance, streamIntoReply, type TurnChange } from './reply-lifecycle';
import { planRequest, replyBackend, type ChatBackends, type RequestPlan } from './turn-preparation';
import type { ModelCapabilities } from '../../../shared/domain/profiles';
import type { ResolvedProfile } from '../profiles/profile-service';
import type { ToolService } from '../tools/tool-service';
import { modelWithoutTools } from '../tools/tools-unsupported';
import { carryVersions } from '../../../shared/domain/reply-versions';
import * as versions from './turn-versions';

export type { ChatBackends } from './turn-preparation';

export interface ChatServiceDeps {
  store: Pick<ConversationStore, 'get' | 'appendMessage' | 'updateMessage' | 'removeMessage' | 'setMessages'>;
  backends: ChatBackends;
  emit: (event: ChatStreamEvent) => void;
  timings?: Partial<StreamTimings>;
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
  /**
   * Reads stored attachments: a message's are checked against it before anything is saved. The
   * default planner builds requests with it too (pass the same one to a planner of your own).
   */
  attachments?: AttachmentReader;
  /** The conversation's tools (tools/tool-service.ts); without it, no tools are ever sent. */
  tools?: Pick<ToolService, 'session'>;
  /** What a model can do: a model known to take no tools fails before the request, saying so. */
  capabilities?: { of(profile: ResolvedProfile, model: string): Promise<ModelCapabilities> };
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
 * request's AbortController and decides when a reply may start; what it is sent with is
 * turn-preparation.ts, its life once started is reply-lifecycle.ts, and the stream itself is the
 * streaming engine (`streamReply`). Plain Node: the SDK client, store and event sink are arguments.
 */
export class ChatService {
  readonly #active = new Map<string, ActiveStream>();
  readonly #done = new Map<string, Promise<void>>();
  readonly #timings: StreamTimings;
  readonly #retry: RetryPolicy;
  readonly #now: () => number;
  readonly #clock: () => number;
  readonly #newId: () => string;
  readonly #context: ContextPlanner;
  readonly #live = new LiveReplies();

  constructor(private readonly deps: ChatServiceDeps) {
    this.#timings = { ...defaultStreamTimings, ...deps.timings };
    this.#retry = { ...defaultRetryPolicy, ...deps.retry };
    this.#now = deps.now ?? Date.now;
    this.#clock = deps.clock ?? preciseNow;
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
    this.#context =
      deps.context ??
      new ContextPlanner({
        lengths: new ContextLengths(),
        ...(deps.attachments ? { attachments: deps.attachments } : {}),
      });
  }

  /**
   * Saves the user's message at once (it is never lost), then streams the reply in the background.
   * Its attachments must be stored (checked first: an unknown one saves nothing).
   */
  async send(
    conversationId: string,
    text: string,
    attachments: readonly AttachmentPart[] = [],
  ): Promise<{ streamId: string; userMessage: Message; replyId: string }> {
    this.#conversation(conversationId);
    const stored = await storedAttachments(attachments, this.deps.attachments);
    // Checked again after the wait: nothing else may start in between (the rest is synchronous).
    this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    return this.#sendUserMessage(conversationId, text, stored);
  }

  /**
   * Edit and resend: user message `messageId` and everything after it become a version of that
   * turn (reply-versions.ts; nothing goes to the trash, nothing is lost), and `text` is sent as the
   * new version's first message, exactly like `send`. The system prompt stays in the shown path:
   * where it sat after the edited message it is put before the new one. `attachments` are the ones
   * the edited message keeps (checked like `send`'s before anything moves).
   */
  async editAndResend(
    conversationId: string,
    messageId: string,
    text: string,
    attachments: readonly AttachmentPart[] = [],
  ): Promise<{ streamId: string; userMessage: Message; replyId: string }> {
    this.#conversation(conversationId);
    const stored = await storedAttachments(attachments, this.deps.attachments);
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
    return this.#sendUserMessage(conversationId, text, stored, messageId);
  }

  /**
   * Saves a user message at once (it is never lost), then streams the reply in the background.
   * `truncatedFrom`: an edit replaced the turns from that message on, keeping them as a version
   * (other windows drop them from the shown path).
   */
  async #sendUserMessage(
    conversationId: string,
    text: string,
    attachments: AttachmentPart[],
    truncatedFrom?: string,
  ): Promise<{ streamId: string; userMessage: Message; replyId: string }> {
    const userMessage: Message = {
      id: this.#newId(),
      role: 'user',
      parts: [...textParts(text), ...attachments],
      createdAt: this.#now(),
      status: 'complete',
    };
    if (truncatedFrom) versions.saveAsNewVersion(this.deps.store, conversationId, truncatedFrom, userMessage);
    else this.deps.store.appendMessage(conversationId, userMessage);
    const { streamId, replyId } = await this.#startReply(conversationId, {
      userMessage,
      ...(truncatedFrom ? { truncatedFrom } : {}),
    });
    return { streamId, userMessage, replyId };
  }

  /**
   * Asks again for the last turn. A reply with an answer that was not an error (complete, or stopped
   * with text) is kept as a version of the turn (Regenerate); a failed or cut-off one, or one
   * stopped before any answer, is replaced (Retry), the new reply taking over its versions.
   */
  async retry(conversationId: string): Promise<{ streamId: string; replyId: string }> {
    const conversation = this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    const last = lastTurnMessage(conversation);
    const lastUser = conversation.messages.findLast((m) => m.role === 'user');
    if (!lastUser)
      throw new AppError(
        userError('invalid-input', 'There is no message to answer yet.', 'Type a message and send it.'),
      );
    const replaced = last?.role === 'assistant' ? last : undefined;
    if (replaced && versions.keptAsVersion(replaced))
      return this.#startReply(conversationId, { replaces: replaced.id, versionOf: replaced.id });
    if (replaced) this.deps.store.removeMessage(conversationId, replaced.id);
    return this.#startReply(conversationId, replaced ? { replaces: replaced.id, carried: replaced } : {});
  }

  /** Shows another version of the turn at `messageId` (‹ 1/2 ›); refused while a reply streams. */
  showVersion(conversationId: string, messageId: string, version: number): Conversation {
    const conversation = this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    return versions.showVersion(this.deps.store, conversation, messageId, version);
  }

  /**
   * Asks the model to go on from a reply that was cut off or stopped, appending to the same message:
   * its parts stay as they were (nothing already shown is replaced) and what comes next is new parts
   * after them, a new text part for the answer. Only the answer text is sent back as the partial
   * reply; a reply that only thought has nothing to continue from (Retry asks again).
   */
  async continue(conversationId: string): Promise<{ streamId: string; replyId: string }> {
    const conversation = this.#conversation(conversationId);
    this.#refuseIfBusy(conversationId);
    const last = lastTurnMessage(conversation);
    if (last?.role !== 'assistant' || answerText(last).length === 0 || last.status === 'complete') {
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

  /** The replies streaming now, each as far as it got (`chat.streams`). */
  liveReplies(): LiveReply[] {
    return this.#live.list();
  }

  streamsOf(conversationId: string): string[] {
    return [...this.#active.values()]
      .filter((a) => a.conversationId === conversationId)
      .map((a) => a.streamId);
  }

  /** The model's own capabilities say it takes no tools (unknown: the request will tell). */
  async #refusesTools(profile: ResolvedProfile, model: string, conversationId: string) {
    const capabilities = await this.deps.capabilities?.of(profile, model).catch(() => undefined);
    if (capabilities?.tools !== false) return undefined;
    return modelWithoutTools({ baseUrl: profile.baseUrl, kind: profile.kind, model }, conversationId);
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
   * Announces the reply (saved as streaming) and streams it in the background. `versionOf`: the
   * reply starts a new version of the turn at that message (Regenerate); `carried`: the reply it
   * replaces, whose versions it takes over (Retry).
   */
  async #startReply(
    conversationId: string,
    {
      continuing,
      versionOf,
      carried,
      ...turn
    }: { continuing?: Message; versionOf?: string; carried?: Message } & TurnChange,
  ): Promise<{ streamId: string; replyId: string }> {
    const conversation = this.#conversation(conversationId);
    const streamId = this.#newId();
    const replyId = continuing?.id ?? this.#newId();
    const active: ActiveStream = { streamId, conversationId, controller: new AbortController() };
    this.#active.set(streamId, active);
    const sink = {
      store: versions.replyStore(this.deps.store, versionOf),
      conversationId,
      emit: streamEmitter({ streamId, conversationId, replyId }, this.#live, this.deps.emit),
    };
    const startedAt = this.#now();
    // Its own copy of the parts: they grow in place while streaming.
    const reply: Message = continuing
      ? { ...withoutError(continuing), parts: structuredClone(continuing.parts), status: 'streaming' }
      : carryVersions(carried ?? {}, versions.newReply(replyId, startedAt));

    const since = this.#clock();
    const backend = await replyBackend(this.deps.backends, conversation);
    if ('failure' in backend) {
      this.#active.delete(streamId);
      failBeforeRequest(sink, {
        reply,
        continuing,
        profile: backend.profile,
        failure: backend.failure,
        since,
        at: this.#clock(),
        startedAt,
        turn,
      });
      return { streamId, replyId };
    }

    const { profile, model } = backend;
    Object.assign(reply, { model, ...provenance(profile) });
    let plan: RequestPlan;
    try {
      plan = await planRequest(this.#context, {
        profile,
        model,
        messages: versionOf
          ? versions.pathBefore(this.#conversation(conversationId).messages, versionOf)
          : this.#conversation(conversationId).messages.filter((m) => m.id !== replyId),
        continuingText: continuing ? answerText(reply) : undefined,
        ...(continuing ? { continuingParts: reply.parts } : {}),
      });
      if (plan.replyContext) reply.context = plan.replyContext;
      if (continuing) this.deps.store.updateMessage(conversationId, reply, 'final');
      else sink.store.appendMessage(conversationId, reply);
    } catch (error) {
      // Deleted while the request was being planned (or the disk refused): nothing was sent.
      this.#active.delete(streamId);
      throw error;
    }
    sink.emit({
      type: 'started',
      model,
      profileId: profile.id,
      profileName: profile.name,
      startedAt,
      ...(continuing ? { initialParts: structuredClone(reply.parts) } : {}),
      ...turn,
      ...(reply.versions && !continuing ? { versions: structuredClone(reply.versions) } : {}),
      ...(plan.replyContext ? { context: plan.replyContext } : {}),
    });
    // The conversation's own choice, else the profile's; nothing when neither is set.
    const reasoningEffort = conversation.reasoningEffort ?? profile.params.reasoningEffort;
    const tools = this.deps.tools?.session(conversation.tools ?? [], { ask: true });
    const toolsRefused = tools ? await this.#refusesTools(profile, model, conversationId) : undefined;
    const done = streamIntoReply(sink, {
      ...(tools ? { tools } : {}),
      ...(toolsRefused ? { toolsRefused } : {}),
      reply,
      plan,
      profile,
      reasoningEffort,
      signal: active.controller.signal,
      backends: this.deps.backends,
      timings: this.#timings,
      retry: this.#retry,
      clock: this.#clock,
      context: this.#context,
    }).finally(() => {
      this.#active.delete(streamId);
      this.#done.delete(streamId);
    });
    this.#done.set(streamId, done);
    return { streamId, replyId };
  }
}

/** The last message of the conversation's turns: a system prompt set after a reply does not count. */
function lastTurnMessage(conversation: Conversation): Message | undefined {
  return conversation.messages.findLast((m) => m.role !== 'system');
}

function withoutError(message: Message): Message {
  const { error: _error, ...rest } = message;
  return rest;
}
