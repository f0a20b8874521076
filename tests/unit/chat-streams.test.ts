import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatStreamEvent, LiveReply } from '../../shared/contract/chat-stream';
import { answerText, appendDelta, reasoningText, upsertPart } from '../../shared/domain/message-content';
import type { MessagePart } from '../../shared/domain/message-parts';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type ReasoningStyle, type TestServer } from '../support/openai-test-server';

/**
 * The stream protocol through the real router and chat service, over HTTP to the test server: every
 * event names its stream, conversation and reply with a gapless `seq`, and `chat.streams` gives a
 * window that opens mid-stream a snapshot from which the later events rebuild the reply exactly.
 */
let server: TestServer;
let app: AppHarness;

const THOUGHT = 'The user greets me. I should greet them back, briefly and kindly, then stop.';
const ANSWER = 'Hello! Nice to meet you, how can I help today?';

beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['qwen3:0.6b'] });
  server.setReply(() => ANSWER);
});
afterAll(() => server.close());
afterEach(async () => {
  server.setReasoning(undefined);
  server.setTokensPerSecond(0);
  server.clearFaults();
  await app?.close();
});

const newApp = () => {
  app = new AppHarness({
    backend: { baseUrl: server.url, model: 'qwen3:0.6b' },
    store: { checkpointMs: 50 },
  });
  return app;
};

/** Folds events into parts the way a window does. */
function fold(parts: MessagePart[], events: ChatStreamEvent[]): MessagePart[] {
  const out = structuredClone(parts);
  for (const event of events) {
    if (event.type === 'delta') appendDelta(out, event);
    else if (event.type === 'part') upsertPart(out, structuredClone(event.part));
  }
  return out;
}

const styles: (ReasoningStyle | 'none')[] = [
  'none',
  'reasoning',
  'reasoning_content',
  'think-tags',
  'think-open',
];

describe('every chat stream event says whose it is', () => {
  it.each(styles)(
    '%s: stream, conversation and reply on every event, seq from 0 without gaps',
    async (style) => {
      newApp();
      if (style !== 'none') server.setReasoning({ style, text: THOUGHT });
      server.setTokensPerSecond(400);
      const { conversationId, streamId, end } = await app.ask('hello');
      expect(end.type).toBe('finished');
      if (end.type !== 'finished') return;
      const events = app.streamEvents(streamId);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
      for (const event of events)
        expect(event).toMatchObject({ streamId, conversationId, replyId: end.message.id });
      const started = events[0];
      expect(started?.type === 'started' && typeof started.startedAt).toBe('number');
      // The events alone rebuild the saved reply.
      expect(fold([], events)).toEqual(end.message.parts);
      expect(app.saved(conversationId)?.messages[1]?.parts).toEqual(end.message.parts);
      expect(answerText(end.message)).toBe(ANSWER);
      if (style === 'none') {
        expect(end.message.parts.map((p) => p.type)).toEqual(['text']);
        return;
      }
      expect(reasoningText(end.message).trim()).toBe(THOUGHT);
      expect(end.message.parts.map((p) => p.type)).toEqual(['reasoning', 'text']);
      const [reasoning] = end.message.parts;
      expect(reasoning).toMatchObject({ durationMs: expect.any(Number), startedAt: expect.any(Number) });
      expect(reasoning && 'incomplete' in reasoning).toBe(false);
      // The reasoning part closed (with its time) by a whole-part event before the answer grew.
      const closed = events.findIndex((e) => e.type === 'part' && e.part.type === 'reasoning');
      const firstAnswer = events.findIndex(
        (e) => e.type === 'delta' && e.kind === 'text' && e.partId !== reasoning?.id,
      );
      expect(closed).toBeGreaterThan(0);
      expect(closed).toBeLessThan(firstAnswer);
    },
  );
});

describe('chat.streams', () => {
  it.each(['none', 'reasoning_content', 'think-open'] as const)(
    '%s: a snapshot taken at any point plus the later events rebuild the final reply exactly',
    async (style) => {
      newApp();
      if (style !== 'none') server.setReasoning({ style, text: THOUGHT });
      server.setTokensPerSecond(80);
      const { id: conversationId } = await app.call('conversations.create');
      const { streamId, replyId } = await app.call('chat.send', { conversationId, text: 'hello' });
      const snapshots: LiveReply[] = [];
      for (;;) {
        const live = await app.call('chat.streams');
        const mine = live.find((l) => l.started.streamId === streamId);
        if (!mine) break;
        snapshots.push(mine);
        await new Promise((r) => setTimeout(r, 15));
      }
      const end = await app.settled(streamId);
      expect(end.type).toBe('finished');
      if (end.type !== 'finished') return;
      // Joined at several points: before text, while thinking, while answering.
      expect(snapshots.length).toBeGreaterThanOrEqual(5);
      expect(new Set(snapshots.map((s) => s.seq)).size).toBeGreaterThanOrEqual(4);
      const events = app.streamEvents(streamId);
      for (const snapshot of snapshots) {
        expect(snapshot.started).toEqual(events[0]);
        expect(snapshot.message).toMatchObject({ id: replyId, role: 'assistant', status: 'streaming' });
        // Exactly the events up to its seq are in it: the later ones rebuild the reply.
        const later = events.filter((e) => e.seq > snapshot.seq);
        expect(fold(snapshot.message.parts, later)).toEqual(end.message.parts);
        const upTo = events.filter((e) => e.seq <= snapshot.seq);
        expect(answerText({ parts: fold([], upTo) })).toBe(answerText(snapshot.message));
        expect(reasoningText({ parts: fold([], upTo) })).toBe(reasoningText(snapshot.message));
      }
      // Nothing is live once it ended.
      expect(await app.call('chat.streams')).toEqual([]);
    },
  );

  it('a window that joins while the model thinks sees the reasoning so far and can stop it', async () => {
    newApp();
    server.setReasoning({ style: 'reasoning', text: THOUGHT.repeat(5) });
    server.setTokensPerSecond(100);
    const { id: conversationId } = await app.call('conversations.create');
    await app.call('chat.send', { conversationId, text: 'think hard' });
    let joined: LiveReply | undefined;
    await app.waitFor(() => {
      void app.call('chat.streams').then((live) => {
        if (reasoningText(live[0]?.message ?? { parts: [] }).length > 20) joined ??= live[0];
      });
      return joined !== undefined;
    });
    const { streamId, conversationId: joinedConversation } = joined!.started;
    expect(joinedConversation).toBe(conversationId);
    expect(joined!.message.parts[0]).toMatchObject({ type: 'reasoning', startedAt: expect.any(Number) });
    expect(await app.call('chat.cancel', { streamId })).toEqual({ cancelled: true });
    const end = await app.settled(streamId);
    expect(end.type).toBe('cancelled');
    if (end.type !== 'cancelled') return;
    expect(end.message.status).toBe('cancelled');
    expect(end.message.parts[0]).toMatchObject({
      type: 'reasoning',
      incomplete: true,
      durationMs: expect.any(Number),
    });
    expect(reasoningText(end.message).startsWith(reasoningText(joined!.message))).toBe(true);
    expect(await app.call('chat.streams')).toEqual([]);
  });

  it('a growing reply is checkpointed to disk with its parts', async () => {
    newApp();
    server.setReasoning({ style: 'reasoning', text: THOUGHT.repeat(3) });
    server.setTokensPerSecond(100);
    const { id: conversationId } = await app.call('conversations.create');
    const { streamId, replyId } = await app.call('chat.send', { conversationId, text: 'think' });
    await app.waitFor(() => {
      const reply = app.saved(conversationId)?.messages.find((m) => m.id === replyId);
      return reply !== undefined && reasoningText(reply).length > 30;
    });
    const checkpoint = app.saved(conversationId)?.messages.find((m) => m.id === replyId);
    expect(checkpoint?.parts[0]).toMatchObject({ type: 'reasoning', id: 'r1' });
    await app.call('chat.cancel', { streamId });
    await app.settled(streamId);
  });

  it('progress waits in the snapshot until text arrives', async () => {
    newApp();
    server.fail({ kind: 'cold-load', delayMs: 400 });
    const { id: conversationId } = await app.call('conversations.create');
    const { streamId } = await app.call('chat.send', { conversationId, text: 'wake up' });
    await app.waitFor(() => app.streamEvents(streamId).some((e) => e.type === 'progress'));
    const [live] = await app.call('chat.streams');
    expect(live?.progress).toMatchObject({ phase: 'waiting' });
    expect(live?.message.parts).toEqual([]);
    await app.settled(streamId);
  });
});
