import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/domain/conversation';
import { AppController } from '../../renderer/src/state/app-controller';
import { LiveReplyStore } from '../../renderer/src/state/chat/stream-store';
import { announcementFor } from '../../renderer/src/state/transcript/transcript-announce';
import type { ReasoningEffort } from '../../shared/domain/reasoning-effort';
import { FakeApi, FakeConnection } from './renderer-fake-api';
import { answerText, textParts } from '../../shared/domain/message-content';
import {
  applyFinished,
  dropLastReply,
  neighbourAfterDelete,
  sortConversations,
} from '../../renderer/src/state/transcript/transcript-ops';

describe('LiveReplyStore', () => {
  let frames: (() => void)[];
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  });
  afterEach(() => vi.unstubAllGlobals());

  const runFrame = () => frames.splice(0).forEach((f) => f());
  const started = {
    type: 'started',
    streamId: 's1',
    conversationId: 'c1',
    replyId: 'r1',
    model: 'm',
    profileId: 'p1',
    profileName: 'Local Ollama',
    startedAt: 100,
    seq: 0,
  } as const;
  const ref = { streamId: 's1', conversationId: 'c1', replyId: 'r1' } as const;
  const text = (store: LiveReplyStore) => answerText(store.getReply('r1') ?? { parts: [] });

  it('coalesces any number of deltas into one update per frame', () => {
    const store = new LiveReplyStore();
    let notified = 0;
    store.subscribe(() => notified++);
    store.apply(started);
    expect(notified).toBe(1);
    for (let seq = 1; seq <= 500; seq++)
      store.apply({ type: 'delta', ...ref, seq, partId: 't1', kind: 'text', text: 'x' });
    expect(notified).toBe(1);
    expect(frames).toHaveLength(1);
    expect(text(store)).toBe('');
    runFrame();
    expect(notified).toBe(2);
    expect(text(store)).toBe('x'.repeat(500));
    expect(store.getReply('r1')?.phase).toBe('streaming');
    // Provenance is known from the start, for the line under the reply while it streams.
    expect(store.getReply('r1')).toMatchObject({
      profileId: 'p1',
      profileName: 'Local Ollama',
      model: 'm',
      startedAt: 100,
    });
  });

  it('keeps the snapshot identity between frames, and forgets the stream when it ends', () => {
    const store = new LiveReplyStore();
    store.apply(started);
    const snapshot = store.getReply('r1');
    expect(store.getReply('r1')).toBe(snapshot);
    expect(store.activeStreamFor('c1')).toBe('s1');
    const message: Message = {
      id: 'r1',
      role: 'assistant',
      parts: textParts('done'),
      createdAt: 1,
      status: 'complete',
    };
    store.apply({ type: 'finished', ...ref, seq: 1, message });
    expect(store.getReply('r1')).toBeUndefined();
    expect(store.activeStreamFor('c1')).toBeUndefined();
  });

  it('records a retry deadline for the countdown', () => {
    const store = new LiveReplyStore(() => 1_000);
    store.apply(started);
    store.apply({
      type: 'progress',
      ...ref,
      seq: 1,
      phase: 'retrying',
      attempt: 2,
      maxAttempts: 3,
      retryInMs: 4_000,
    });
    expect(store.getReply('r1')?.retry).toEqual({ attempt: 2, maxAttempts: 3, deadline: 5_000 });
  });
});

describe('transcript edits', () => {
  const msg = (id: string, role: Message['role'], status: Message['status'] = 'complete'): Message => ({
    id,
    role,
    parts: textParts(id),
    createdAt: 0,
    status,
  });

  it('retry drops the last reply only', () => {
    expect(dropLastReply([msg('u', 'user'), msg('a', 'assistant', 'failed')]).map((m) => m.id)).toEqual([
      'u',
    ]);
    expect(dropLastReply([msg('u', 'user')]).map((m) => m.id)).toEqual(['u']);
  });

  it('a loaded conversation takes the final version of replies that ended meanwhile', () => {
    const final = { ...msg('a', 'assistant'), parts: textParts('final') };
    const out = applyFinished(
      [msg('u', 'user'), msg('a', 'assistant', 'streaming')],
      new Map([['a', final]]),
    );
    expect(out[1]).toBe(final);
  });

  it('picks the neighbour after a delete', () => {
    const list = ['a', 'b', 'c'].map((id, i) => ({ id, updatedAt: 10 - i }) as ConversationSummary);
    expect(neighbourAfterDelete(list, 'a')).toBe('b');
    expect(neighbourAfterDelete(list, 'c')).toBe('b');
    expect(neighbourAfterDelete([list[0]!], 'a')).toBeUndefined();
    expect(sortConversations([...list].reverse()).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('reasoning in the open conversation', () => {
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  const summary: ConversationSummary = { id: 'c1', title: 'T', createdAt: 0, updatedAt: 1, messageCount: 0 };

  it('sets and clears the reasoning effort, listing the summary the host answers', async () => {
    vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
    const api = new FakeApi({
      'conversations.list': () => ({ ok: true, value: [summary] }),
      'conversations.get': () => ({ ok: true, value: { ...summary, messages: [] } }),
      'conversations.setReasoningEffort': (input) => {
        const { reasoningEffort } = input as { reasoningEffort: ReasoningEffort | null };
        return { ok: true, value: { ...summary, ...(reasoningEffort ? { reasoningEffort } : {}) } };
      },
    });
    const controller = new AppController(api, new FakeConnection());
    controller.start();
    await flush();
    await controller.setReasoningEffort('high');
    expect(api.calls.at(-1)).toEqual({
      route: 'conversations.setReasoningEffort',
      input: { conversationId: 'c1', reasoningEffort: 'high' },
    });
    expect(controller.store.getState().conversations[0]?.reasoningEffort).toBe('high');
    await controller.setReasoningEffort(null);
    expect(controller.store.getState().conversations[0]?.reasoningEffort).toBeUndefined();
    vi.unstubAllGlobals();
  });

  it('announces the answer, not the reasoning, and says when the model stopped while thinking', () => {
    const reply: Message = {
      id: 'a',
      role: 'assistant',
      parts: [
        { type: 'reasoning', id: 'r', text: 'Secret musings', durationMs: 10 },
        { type: 'text', id: 't', text: 'Four.' },
      ],
      createdAt: 0,
      status: 'complete',
    };
    expect(announcementFor(reply)).toBe('Reply finished: Four.');
    const cut: Message = {
      ...reply,
      parts: [{ type: 'reasoning', id: 'r', text: 'Hmm', incomplete: true }],
      status: 'incomplete',
    };
    expect(announcementFor(cut)).toBe('The model stopped while thinking, before it answered.');
  });
});
