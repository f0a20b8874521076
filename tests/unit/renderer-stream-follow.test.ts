import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conversation, Message } from '../../shared/domain/conversation';
import { AppController } from '../../renderer/src/state/app-controller';
import { OrphanStreams } from '../../renderer/src/state/chat/stream-orphans';
import { StreamStore } from '../../renderer/src/state/chat/stream-store';
import { FakeApi, FakeConnection } from './renderer-fake-api';

/**
 * A reply that was already streaming when a page loaded: its `started` went by unseen, so the page
 * learns its stream id by matching the text of unknown streams against the saved reply.
 */
let frames: (() => void)[];
beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
});
afterEach(() => vi.unstubAllGlobals());
const runFrame = () => frames.splice(0).forEach((f) => f());

const delta = (streamId: string, text: string, seq = 0) => ({ type: 'delta', streamId, seq, text }) as const;

describe('OrphanStreams', () => {
  it('finds the one stream whose delivered text ends the saved reply, and what it has not sent yet', () => {
    const orphans = new OrphanStreams();
    orphans.record(delta('s1', 'The quick brown fox '));
    orphans.record(delta('s2', 'Something else entirely, at length'));
    expect(orphans.match('Once more: The quick brown fox jumps')).toEqual({ streamId: 's1', unsent: 5 });
    expect(orphans.match('Once more: The quick brown fox ')).toEqual({ streamId: 's1', unsent: 0 });
    expect(orphans.match('nothing like it')).toBeUndefined();
  });

  it('is not sure about too little text, or two streams saying the same', () => {
    const orphans = new OrphanStreams();
    orphans.record(delta('s1', 'short'));
    expect(orphans.match('a short one')).toBeUndefined();
    orphans.record(delta('s1', ' but now long enough'));
    orphans.record(delta('s2', 'short but now long enough'));
    expect(orphans.match('a short but now long enough')).toBeUndefined();
  });

  it('forgets streams that ended, and everything after a reconnect', () => {
    const orphans = new OrphanStreams();
    orphans.record(delta('s1', 'a reply long enough to match'));
    const message: Message = { id: 'r', role: 'assistant', content: '', createdAt: 0, status: 'cancelled' };
    orphans.record({ type: 'cancelled', streamId: 's1', message });
    expect(orphans.size).toBe(0);
    orphans.record(delta('s2', 'another reply long enough'));
    orphans.clear();
    expect(orphans.match('another reply long enough')).toBeUndefined();
  });

  it('keeps only the latest text of a long stream, which still matches', () => {
    const orphans = new OrphanStreams();
    const long = 'x'.repeat(10_000) + 'the end of a very long reply';
    orphans.record(delta('s1', long));
    expect(orphans.match(`${long} and more`)).toEqual({ streamId: 's1', unsent: 9 });
  });
});

describe('StreamStore.adopt', () => {
  it('goes on from the saved text, skipping what the saved text already has', () => {
    const store = new StreamStore();
    store.adopt({
      streamId: 's9',
      conversationId: 'c1',
      replyId: 'r1',
      model: 'm',
      profileId: 'p',
      profileName: 'P',
      text: 'hello wor',
      unsent: 2,
    });
    expect(store.knows('s9')).toBe(true);
    expect(store.activeStreamFor('c1')).toBe('s9');
    expect(store.getReply('r1')).toMatchObject({ text: 'hello wor', phase: 'streaming' });
    store.apply(delta('s9', 'o'));
    store.apply(delta('s9', 'rld!'));
    runFrame();
    expect(store.getReply('r1')?.text).toBe('hello world!');
  });
});

describe('a page loaded while a reply streams', () => {
  const user: Message = { id: 'u1', role: 'user', content: 'Tell me', createdAt: 0, status: 'complete' };
  const reply = (content: string): Message => ({
    id: 'r1',
    role: 'assistant',
    content,
    createdAt: 0,
    status: 'streaming',
    model: 'llama3.2:1b',
    profileId: 'p1',
    profileName: 'Local',
  });
  const conversation = (content: string): Conversation => ({
    id: 'c1',
    title: 'Tell me',
    createdAt: 0,
    updatedAt: 1,
    messageCount: 2,
    messages: [user, reply(content)],
  });

  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  /**
   * A controller starting on a fake host whose one conversation, c1, streams `saved()` so far;
   * `before` runs after it subscribed and before its first load answers.
   */
  const setUp = async (saved: () => string, before: (api: FakeApi) => void = () => {}) => {
    vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
    const { messages: _messages, ...summary } = conversation('');
    const api = new FakeApi({
      'conversations.list': () => ({ ok: true, value: [summary] }),
      'conversations.get': () => ({ ok: true, value: conversation(saved()) }),
      'chat.cancel': () => ({ ok: true, value: { cancelled: true } }),
    });
    const controller = new AppController(api, new FakeConnection());
    controller.start();
    before(api);
    await flush();
    expect(controller.store.getState().open?.id).toBe('c1');
    return { api, controller };
  };

  it('adopts a stream seen before the conversation loaded; Stop cancels it', async () => {
    const { api, controller } = await setUp(
      () => 'Once upon a time, there',
      (api) => api.emit('chat.stream', delta('s-other-window', 'Once upon a time, ')),
    );
    expect(controller.streams.activeStreamFor('c1')).toBe('s-other-window');
    api.emit('chat.stream', delta('s-other-window', 'there was', 1));
    runFrame();
    expect(controller.streams.getReply('r1')?.text).toBe('Once upon a time, there was');
    await controller.stop();
    expect(api.calls).toContainEqual({ route: 'chat.cancel', input: { streamId: 's-other-window' } });
  });

  it('looks again when deltas of an unknown stream arrive after the load', async () => {
    let saved = 'Once';
    const { api, controller } = await setUp(() => saved);
    expect(controller.streams.activeStreamFor('c1')).toBeUndefined();
    saved = 'Once upon a time, in a land';
    api.emit('chat.stream', delta('s7', ' upon a time, in a land'));
    await flush();
    expect(controller.streams.activeStreamFor('c1')).toBe('s7');
    const gets = api.routes().filter((r) => r === 'conversations.get').length;
    // Once followed, its deltas need no more looks.
    api.emit('chat.stream', delta('s7', ' far away', 1));
    await flush();
    expect(api.routes().filter((r) => r === 'conversations.get')).toHaveLength(gets);
    runFrame();
    expect(controller.streams.getReply('r1')?.text).toBe('Once upon a time, in a land far away');
  });

  it('does not take a stream whose text is not in the reply', async () => {
    const { api, controller } = await setUp(() => 'A reply about something');
    api.emit('chat.stream', delta('s-elsewhere', 'text of another conversation'));
    await flush();
    expect(controller.streams.activeStreamFor('c1')).toBeUndefined();
    await controller.stop();
    expect(api.routes()).not.toContain('chat.cancel');
  });
});
