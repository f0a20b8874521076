import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatStreamEvent } from '../../shared/contract/chat-stream';
import type { EventMap, EventName } from '../../shared/contract/events';
import type { Result } from '../../shared/contract/result';
import type { RouteInput, RouteName, RouteOutput } from '../../shared/contract/routes';
import type { Conversation } from '../../shared/domain/conversation';
import { createApp, type AppCore, type AppOptions } from '../../electron/app/create-app';
import { ConversationStore } from '../../electron/services/store/conversation-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';

/**
 * The real app core (router, chat service, stores on disk in a temp folder) for tests, with every
 * event it emits recorded, and helpers that speak the contract exactly as a renderer would.
 */
export class AppHarness {
  readonly events: { name: EventName; payload: unknown }[] = [];
  readonly core: AppCore;
  readonly dataDir: string;
  #waiters: (() => void)[] = [];

  constructor(options: Omit<AppOptions, 'dataDir' | 'openStore'> & { dataDir?: string }) {
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'assistant-test-'));
    this.core = createApp({ monitor: false, ...options, dataDir: this.dataDir, openStore: openConfStore });
    this.core.events.subscribe((name, payload) => {
      this.events.push({ name, payload });
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  async invoke<R extends RouteName>(route: R, input?: RouteInput<R>): Promise<Result<RouteOutput<R>>> {
    return (await this.core.router.dispatch(route, input)) as Result<RouteOutput<R>>;
  }

  /** Like invoke, but fails the test with the user-facing error when the route did. */
  async call<R extends RouteName>(route: R, input?: RouteInput<R>): Promise<RouteOutput<R>> {
    const result = await this.invoke(route, input);
    if (!result.ok)
      throw new Error(`${route} failed: ${result.error.message} (${result.error.detail ?? ''})`);
    return result.value;
  }

  streamEvents(streamId: string): ChatStreamEvent[] {
    return this.events
      .filter((e): e is { name: 'chat.stream'; payload: EventMap['chat.stream'] } => e.name === 'chat.stream')
      .map((e) => e.payload)
      .filter((e) => e.streamId === streamId);
  }

  /** Resolves with the stream's terminal event (finished, cancelled or failed). */
  async settled(streamId: string, timeoutMs = 15_000): Promise<ChatStreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.streamEvents(streamId).find(
        (e) => e.type === 'finished' || e.type === 'cancelled' || e.type === 'failed',
      );
      if (end) return end;
      if (Date.now() > deadline)
        throw new Error(
          `stream ${streamId} did not settle; events: ${JSON.stringify(this.streamEvents(streamId))}`,
        );
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** A new chat, one message sent, and the terminal event of its reply. */
  async ask(text: string): Promise<{ conversationId: string; streamId: string; end: ChatStreamEvent }> {
    const { id: conversationId } = await this.call('conversations.create');
    const { streamId } = await this.call('chat.send', { conversationId, text });
    return { conversationId, streamId, end: await this.settled(streamId) };
  }

  /** What is on disk: a second store opened on the same folder, as the next app start would. */
  saved(conversationId: string): Conversation | undefined {
    const store = ConversationStore.open({ dir: this.dataDir, openStore: openConfStore });
    try {
      return store.get(conversationId);
    } finally {
      store.close();
    }
  }

  async close(): Promise<void> {
    await this.core.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
