import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ChatStreamEvent,
  LiveReply as WireLiveReply,
  ReplyProgress,
  StartedEvent,
} from '../../shared/contract/chat-stream';
import type { Conversation, ConversationSummary, Message } from '../../shared/domain/conversation';
import {
  answerText,
  appendDelta,
  reasoningText,
  textParts,
  upsertPart,
} from '../../shared/domain/message-content';
import type { MessagePart, StreamedPartType } from '../../shared/domain/message-parts';
import { AppController } from '../../renderer/src/state/app-controller';
import { LiveReplyStore } from '../../renderer/src/state/chat/stream-store';
import { FakeApi, FakeConnection } from './renderer-fake-api';

/**
 * The one live reply store, fed by events that say whose they are (conversation, reply, part, seq),
 * and joined from `chat.streams` when a page opens, reconnects or sees a gap: nothing is matched by text.
 */

let frames: (() => void)[];
beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
});
afterEach(() => vi.unstubAllGlobals());
const runFrame = () => frames.splice(0).forEach((f) => f());
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** One stream's events as main numbers them: seq from 0 (`started`), no gaps. */
function streamOf(streamId = 's1', conversationId = 'c1', replyId = 'r1') {
  let seq = 0;
  const ref = () => ({ streamId, conversationId, replyId, seq: seq++ });
  const reply = (parts: MessagePart[], status: Message['status']): Message => ({
    id: replyId,
    role: 'assistant',
    parts,
    createdAt: 1,
    status,
  });
  return {
    started: (extra: Partial<StartedEvent> = {}): StartedEvent => ({
      type: 'started',
      ...ref(),
      model: 'qwen3',
      profileId: 'p1',
      profileName: 'Ollama',
      startedAt: 1_000,
      ...extra,
    }),
    delta: (partId: string, kind: StreamedPartType, text: string): ChatStreamEvent => ({
      type: 'delta',
      ...ref(),
      partId,
      kind,
      text,
    }),
    part: (part: MessagePart): ChatStreamEvent => ({ type: 'part', ...ref(), part }),
    progress: (progress: ReplyProgress): ChatStreamEvent => ({ type: 'progress', ...ref(), ...progress }),
    finished: (parts: MessagePart[]): ChatStreamEvent => ({
      type: 'finished',
      ...ref(),
      message: reply(parts, 'complete'),
    }),
    cancelled: (parts: MessagePart[]): ChatStreamEvent => ({
      type: 'cancelled',
      ...ref(),
      message: reply(parts, 'cancelled'),
    }),
    reply,
  };
}

/** What main's `chat.streams` answers after it applied `events` (a prefix of one stream). */
function hostSnapshot(events: readonly ChatStreamEvent[]): WireLiveReply[] {
  const started = events[0];
  if (!started || started.type !== 'started') return [];
  const parts: MessagePart[] = structuredClone(started.initialParts ?? []);
  let progress: ReplyProgress | undefined;
  for (const event of events.slice(1)) {
    if (event.type === 'delta') appendDelta(parts, event);
    else if (event.type === 'part') upsertPart(parts, structuredClone(event.part));
    else if (event.type === 'progress') progress = { phase: event.phase };
    else if (event.type !== 'started') return [];
  }
  const message: Message = {
    id: started.replyId,
    role: 'assistant',
    parts,
    createdAt: 1,
    status: 'streaming',
  };
  return [{ started, message, seq: events.length - 1, ...(progress ? { progress } : {}) }];
}

/** The parts main holds after all of `events`. */
const foldedParts = (events: readonly ChatStreamEvent[]) => hostSnapshot(events)[0]?.message.parts;

/** The parts of the reply's snapshot, as plain data (identity and all). */
const partsOf = (store: LiveReplyStore, replyId = 'r1') => store.getReply(replyId)?.parts;

describe('LiveReplyStore', () => {
  it('shows reasoning, then the answer after it, as parts grown by the same appendDelta main uses', () => {
    const store = new LiveReplyStore(() => 5_000);
    const s = streamOf();
    store.apply(s.started());
    expect(store.getReply('r1')).toMatchObject({ phase: 'waiting', parts: [], startedAt: 1_000 });
    store.apply(s.delta('r', 'reasoning', 'The user wants '));
    store.apply(s.delta('r', 'reasoning', 'a sum.'));
    runFrame();
    expect(store.getReply('r1')?.phase).toBe('streaming');
    expect(partsOf(store)).toEqual([
      { type: 'reasoning', id: 'r', text: 'The user wants a sum.', startedAt: 5_000 },
    ]);
    store.apply(s.delta('t', 'text', 'Four'));
    store.apply(s.delta('t', 'text', '.'));
    runFrame();
    const reply = store.getReply('r1')!;
    expect(reasoningText(reply)).toBe('The user wants a sum.');
    expect(answerText(reply)).toBe('Four.');
    expect(reply.parts.map((p) => p.type)).toEqual(['reasoning', 'text']);
  });

  it('publishes a new array per frame: a changed part is a new object, the others keep theirs; old snapshots never change', () => {
    const store = new LiveReplyStore();
    const s = streamOf();
    store.apply(s.started());
    store.apply(s.delta('r', 'reasoning', 'Hmm.'));
    store.apply(s.delta('t', 'text', 'Hel'));
    runFrame();
    const first = store.getReply('r1')!;
    store.apply(s.delta('t', 'text', 'lo'));
    expect(store.getReply('r1')).toBe(first); // nothing published between frames
    runFrame();
    const second = store.getReply('r1')!;
    expect(second).not.toBe(first);
    expect(second.parts).not.toBe(first.parts);
    expect(second.parts[0]).toBe(first.parts[0]); // the reasoning did not change
    expect(second.parts[1]).not.toBe(first.parts[1]);
    expect(answerText(first)).toBe('Hel');
    expect(answerText(second)).toBe('Hello');
  });

  it('puts a whole part in place by id: answer text found to be reasoning when its closing tag came (retag)', () => {
    const store = new LiveReplyStore();
    const s = streamOf();
    store.apply(s.started());
    store.apply(s.delta('p1', 'text', 'Let me think'));
    runFrame();
    expect(partsOf(store)).toEqual([{ type: 'text', id: 'p1', text: 'Let me think' }]);
    store.apply(s.part({ type: 'reasoning', id: 'p1', text: 'Let me think', durationMs: 1_200 }));
    store.apply(s.delta('p2', 'text', 'Four.'));
    runFrame();
    expect(partsOf(store)).toEqual([
      { type: 'reasoning', id: 'p1', text: 'Let me think', durationMs: 1_200 },
      { type: 'text', id: 'p2', text: 'Four.' },
    ]);
  });

  it('ignores repeated and older events; a seq that jumps is a gap, reported and not applied', () => {
    const store = new LiveReplyStore();
    const s = streamOf();
    const started = s.started();
    const hel = s.delta('t', 'text', 'Hel');
    const lo = s.delta('t', 'text', 'lo');
    const skipped = s.delta('t', 'text', ' there');
    const late = s.delta('t', 'text', '!');
    expect(store.apply(started)).toBe('applied');
    expect(store.apply(hel)).toBe('applied');
    expect(store.apply(hel)).toBe('stale');
    expect(store.apply(started)).toBe('stale');
    expect(store.apply(lo)).toBe('applied');
    expect(store.apply(late)).toBe('gap');
    runFrame();
    expect(answerText(store.getReply('r1')!)).toBe('Hello');
    void skipped;
    // Events of a stream this page never saw start are not guessed at.
    expect(store.apply(streamOf('s-unknown').delta('t', 'text', 'x'))).toBe('unknown');
  });

  it('a continued reply extends a copy of the parts it had', () => {
    const store = new LiveReplyStore();
    const initialParts: MessagePart[] = [{ type: 'text', id: 't', text: 'Once upon' }];
    const s = streamOf('s2');
    store.apply(s.started({ initialParts }));
    store.apply(s.delta('t', 'text', ' a time'));
    runFrame();
    expect(answerText(store.getReply('r1')!)).toBe('Once upon a time');
    expect(initialParts[0]).toEqual({ type: 'text', id: 't', text: 'Once upon' });
  });

  it('seeds from a chat.streams snapshot, applies only later events, and keeps what it holds when further along', () => {
    const store = new LiveReplyStore();
    const s = streamOf();
    const events = [s.started(), s.delta('r', 'reasoning', 'Think'), s.delta('t', 'text', 'An')];
    store.seed(hostSnapshot(events.slice(0, 2))[0]!);
    expect(store.getReply('r1')).toMatchObject({ phase: 'streaming', streamId: 's1', model: 'qwen3' });
    for (const event of events) store.apply(event);
    runFrame();
    expect(partsOf(store)).toEqual(foldedParts(events));
    // An older snapshot (asked before these events) does not set it back.
    store.seed(hostSnapshot(events.slice(0, 2))[0]!);
    expect(partsOf(store)).toEqual(foldedParts(events));
    expect(store.activeStreamFor('c1')).toBe('s1');
  });

  it('a snapshot taken while waiting shows the progress it reports', () => {
    const store = new LiveReplyStore(() => 1_000);
    const s = streamOf();
    const events = [s.started(), s.progress({ phase: 'loading' })];
    store.seed(hostSnapshot(events)[0]!);
    expect(store.getReply('r1')?.phase).toBe('loading');
  });
});

describe('joining replies via chat.streams', () => {
  const summary: ConversationSummary = {
    id: 'c1',
    title: 'Sum',
    createdAt: 0,
    updatedAt: 1,
    messageCount: 2,
  };
  const user: Message = {
    id: 'u1',
    role: 'user',
    parts: textParts('2+2?'),
    createdAt: 0,
    status: 'complete',
  };

  /** A page on a fake host whose `chat.streams` answers `streams()` when `release` is called (at once when `held` is false). */
  function page(api: FakeApi, streams: () => WireLiveReply[], held = false) {
    const waiting: (() => void)[] = [];
    api.answer('chat.streams', () =>
      held
        ? new Promise((resolve) => waiting.push(() => resolve({ ok: true, value: streams() })))
        : { ok: true, value: streams() },
    );
    const controller = new AppController(api, new FakeConnection());
    controller.start();
    return { controller, release: () => waiting.splice(0).forEach((go) => go()) };
  }

  const emptyHost = () => new FakeApi({ 'conversations.list': () => ({ ok: true, value: [] }) });

  it('shows a reply joined at any point exactly as main holds it: nothing doubled, nothing lost', async () => {
    const chunk = fc.string({ minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(chunk, { maxLength: 5 }),
        fc.boolean(),
        fc.array(chunk, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        async (thoughts, retag, answer, x, y, z) => {
          frames = [];
          const s = streamOf();
          const events: ChatStreamEvent[] = [s.started()];
          for (const text of thoughts)
            events.push(s.delta(retag ? 'p1' : 'r', retag ? 'text' : 'reasoning', text));
          if (retag && thoughts.length > 0)
            events.push(s.part({ type: 'reasoning', id: 'p1', text: thoughts.join(''), durationMs: 5 }));
          for (const text of answer) events.push(s.delta('p2', 'text', text));
          // Events [0, a) went by before the page listened; the snapshot holds [0, b); [a, c) arrive
          // while it is on its way; [c, n) after it.
          const n = events.length;
          const [a, b, c] = [x % (n + 1), y % (n + 1), z % (n + 1)].sort((p, q) => p - q) as [
            number,
            number,
            number,
          ];
          const api = emptyHost();
          for (const event of events.slice(0, a)) api.emit('chat.stream', event);
          const { controller, release } = page(api, () => hostSnapshot(events.slice(0, b)), true);
          for (const event of events.slice(a, c)) api.emit('chat.stream', event);
          release();
          await flush();
          for (const event of events.slice(c)) api.emit('chat.stream', event);
          runFrame();
          // (A reasoning part's `startedAt` is when its first token reached whoever applied it.)
          const withoutStart = (parts: readonly MessagePart[] | undefined) =>
            parts?.map(({ startedAt: _startedAt, ...rest }: MessagePart & { startedAt?: number }) => rest);
          expect(withoutStart(partsOf(controller.streams))).toEqual(withoutStart(foldedParts(events)));
          expect(controller.streams.activeStreamFor('c1')).toBe('s1');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a reply that ended before the snapshot is not shown live; its final message settles the transcript', async () => {
    const s = streamOf();
    const events = [s.started(), s.delta('t', 'text', 'Four.')];
    const api = new FakeApi({
      'conversations.list': () => ({ ok: true, value: [summary] }),
      'conversations.get': () => ({
        ok: true,
        value: { ...summary, messages: [user, s.reply(textParts('Fo'), 'streaming')] } as Conversation,
      }),
    });
    const { controller, release } = page(api, () => [], true);
    api.emit('chat.stream', events[1]!);
    api.emit('chat.stream', s.finished(textParts('Four.')));
    await flush();
    release();
    await flush();
    expect(controller.streams.getReply('r1')).toBeUndefined();
    expect(controller.store.getState().open?.messages.at(-1)).toMatchObject({
      status: 'complete',
      parts: textParts('Four.'),
    });
  });

  it('a seq that jumps makes the page join again, and the reply comes out whole', async () => {
    const s = streamOf();
    const events = [s.started(), s.delta('t', 'text', 'One, '), s.delta('t', 'text', 'two, ')];
    const api = emptyHost();
    let host = events.slice(0, 1);
    const { controller } = page(api, () => hostSnapshot(host));
    await flush();
    api.emit('chat.stream', events[0]!);
    const lost = s.delta('t', 'text', 'three, ');
    const after = s.delta('t', 'text', 'four.');
    events.push(lost, after);
    host = events.slice(0, 4); // main has sent `lost`; this page never got it
    const joins = api.routes().filter((r) => r === 'chat.streams').length;
    api.emit('chat.stream', events[1]!);
    api.emit('chat.stream', events[2]!);
    api.emit('chat.stream', after);
    expect(api.routes().filter((r) => r === 'chat.streams')).toHaveLength(joins + 1);
    await flush();
    runFrame();
    expect(answerText(controller.streams.getReply('r1')!)).toBe('One, two, three, four.');
  });

  it('after a reconnect the page joins again: missed text comes from the snapshot, a reply that ended unseen goes', async () => {
    const s1 = streamOf('s1', 'c1', 'r1');
    const s2 = streamOf('s2', 'c2', 'r2');
    const one = [s1.started(), s1.delta('t', 'text', 'Still ')];
    const two = [s2.started(), s2.delta('t', 'text', 'Soon done')];
    const api = emptyHost();
    let host: WireLiveReply[] = [];
    const connection = new FakeConnection();
    api.answer('chat.streams', () => ({ ok: true, value: host }));
    const controller = new AppController(api, connection);
    controller.start();
    await flush();
    for (const event of [...one, ...two]) api.emit('chat.stream', event);
    runFrame();
    connection.set('reconnecting');
    // Missed meanwhile: more of r1, and the end of r2.
    one.push(s1.delta('t', 'text', 'going'));
    host = hostSnapshot(one);
    connection.set('open');
    await flush();
    api.emit('chat.stream', s1.delta('t', 'text', '.'));
    runFrame();
    expect(answerText(controller.streams.getReply('r1')!)).toBe('Still going.');
    expect(controller.streams.getReply('r2')).toBeUndefined();
    expect(controller.streams.activeStreamFor('c2')).toBeUndefined();
  });

  it('routes each event by its reply, even when two replies say the same', async () => {
    const api = emptyHost();
    const { controller } = page(api, () => []);
    await flush();
    const a = streamOf('sa', 'c1', 'ra');
    const b = streamOf('sb', 'c2', 'rb');
    api.emit('chat.stream', a.started());
    api.emit('chat.stream', b.started());
    api.emit('chat.stream', a.delta('t', 'text', 'Same words'));
    api.emit('chat.stream', b.delta('t', 'text', 'Same words'));
    api.emit('chat.stream', b.delta('t', 'text', ', more'));
    runFrame();
    expect(answerText(controller.streams.getReply('ra')!)).toBe('Same words');
    expect(answerText(controller.streams.getReply('rb')!)).toBe('Same words, more');
    expect(controller.streams.activeStreamFor('c2')).toBe('sb');
  });

  it('the open conversation keeps its saved streaming message, shown live, until the saved final one replaces it', async () => {
    const s = streamOf();
    const events = [s.started(), s.delta('r', 'reasoning', 'Add them.'), s.delta('t', 'text', 'Fo')];
    const saved = s.reply(foldedParts(events.slice(0, 2))!, 'streaming');
    const api = new FakeApi({
      'conversations.list': () => ({ ok: true, value: [summary] }),
      'conversations.get': () => ({ ok: true, value: { ...summary, messages: [user, saved] } }),
    });
    const { controller } = page(api, () => hostSnapshot(events.slice(0, 2)));
    await flush();
    api.emit('chat.stream', events[2]!);
    runFrame();
    const open = () => controller.store.getState().open!;
    expect(open().messages.map((m) => [m.id, m.status])).toEqual([
      ['u1', 'complete'],
      ['r1', 'streaming'],
    ]);
    expect(answerText(controller.streams.getReply('r1')!)).toBe('Fo');
    expect(reasoningText(controller.streams.getReply('r1')!)).toBe('Add them.');
    const final: MessagePart[] = [
      { type: 'reasoning', id: 'r', text: 'Add them.', durationMs: 900 },
      { type: 'text', id: 't', text: 'Four.' },
    ];
    api.emit('chat.stream', s.finished(final));
    expect(open().messages.at(-1)).toMatchObject({ id: 'r1', status: 'complete', parts: final });
    expect(controller.streams.getReply('r1')).toBeUndefined();
  });
});

describe('two windows', () => {
  const summary: ConversationSummary = { id: 'c1', title: 'Hi', createdAt: 0, updatedAt: 1, messageCount: 0 };

  it('a reply sent from one window streams in both, and the other window can stop it', async () => {
    const s = streamOf('s1', 'c1', 'r1');
    const saved: Message = {
      id: 'u1',
      role: 'user',
      parts: textParts('Hi'),
      createdAt: 1,
      status: 'complete',
    };
    let host: ChatStreamEvent[] = [];
    const api = new FakeApi({
      'conversations.list': () => ({ ok: true, value: [summary] }),
      'conversations.get': () => ({ ok: true, value: { ...summary, messages: [] } }),
      'chat.streams': () => ({ ok: true, value: hostSnapshot(host) }),
      'chat.send': () => ({ ok: true, value: { streamId: 's1', replyId: 'r1', userMessage: saved } }),
      'chat.cancel': () => ({ ok: true, value: { cancelled: true } }),
    });
    const main = new AppController(api, new FakeConnection());
    const tray = new AppController(api, new FakeConnection());
    main.start();
    tray.start();
    await flush();
    await main.send('Hi');
    host = [s.started({ userMessage: saved }), s.delta('t', 'text', 'Hello')];
    for (const event of host) api.emit('chat.stream', event);
    runFrame();
    for (const window of [main, tray]) {
      expect(window.store.getState().open?.messages.map((m) => m.id)).toEqual(['u1', 'r1']);
      expect(answerText(window.streams.getReply('r1')!)).toBe('Hello');
    }
    await tray.stop();
    expect(api.calls).toContainEqual({ route: 'chat.cancel', input: { streamId: 's1' } });
  });

  it('a window opened mid-reasoning joins the stream and can stop it', async () => {
    const s = streamOf('s7', 'c1', 'r1');
    const host = [s.started(), s.delta('r', 'reasoning', 'Counting ')];
    const streaming = s.reply(foldedParts(host)!, 'streaming');
    const api = new FakeApi({
      'conversations.list': () => ({ ok: true, value: [summary] }),
      'conversations.get': () => ({ ok: true, value: { ...summary, messages: [streaming] } }),
      'chat.streams': () => ({ ok: true, value: hostSnapshot(host) }),
      'chat.cancel': () => ({ ok: true, value: { cancelled: true } }),
    });
    const late = new AppController(api, new FakeConnection());
    late.start();
    await flush();
    api.emit('chat.stream', s.delta('r', 'reasoning', 'to four.'));
    runFrame();
    expect(late.streams.getReply('r1')).toMatchObject({ phase: 'streaming', streamId: 's7' });
    expect(reasoningText(late.streams.getReply('r1')!)).toBe('Counting to four.');
    await late.stop();
    expect(api.calls).toContainEqual({ route: 'chat.cancel', input: { streamId: 's7' } });
    api.emit(
      'chat.stream',
      s.cancelled([{ type: 'reasoning', id: 'r', text: 'Counting to four.', incomplete: true }]),
    );
    expect(late.streams.getReply('r1')).toBeUndefined();
    expect(late.store.getState().open?.messages.at(-1)?.status).toBe('cancelled');
  });
});

describe('a host that cannot answer chat.streams', () => {
  it('joins once per gap, not once per event: the text goes on, and the saved message ends it whole', async () => {
    const api = new FakeApi({ 'conversations.list': () => ({ ok: true, value: [] }) });
    const controller = new AppController(api, new FakeConnection());
    controller.start();
    await flush();
    const s = streamOf();
    api.emit('chat.stream', s.started());
    s.delta('t', 'text', 'lost');
    for (const text of ['a', 'b', 'c']) api.emit('chat.stream', s.delta('t', 'text', text));
    await flush();
    await flush();
    runFrame();
    expect(api.routes().filter((r) => r === 'chat.streams')).toHaveLength(2);
    expect(answerText(controller.streams.getReply('r1')!)).toBe('abc');
  });
});
