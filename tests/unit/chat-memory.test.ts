import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { omittedIdsOf } from '../../shared/domain/context-budget';
import type { Message } from '../../shared/domain/conversation';
import { answerText } from '../../shared/domain/message-content';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { BUILT_IN_PRESETS, TASKMASTER_PRESET_ID } from '../../shared/domain/presets';

/**
 * Conversation memory end to end: the real router, chat service and stores, real HTTP to a test
 * server that behaves like Ollama. What the server received is the truth: the system prompt first,
 * only the newest turns, within the budget; the reply saves what was left out; the server's own
 * counts calibrate ours.
 */
let server: TestServer;
let app: AppHarness;
// The built-in preset's own text (a preset is recorded only while the prompt is unedited).
const TASKMASTER = BUILT_IN_PRESETS.find((p) => p.id === TASKMASTER_PRESET_ID)!.prompt;

type Sent = { role: string; content: string };
/** Our count of a request, the way main counts it (cl100k, 3 tokens framing per message, 3 priming). */
const ours = (messages: Sent[]) =>
  messages.reduce((sum, m) => sum + 3 + countTokens(m.role) + countTokens(m.content), 3);

beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b'] });
});
afterAll(() => server.close());
afterEach(async () => {
  server.clearFaults();
  server.setTokensPerSecond(0);
  server.setReply(undefined);
  server.setPromptTokens(undefined);
  server.setContextMetadata({});
  await app?.core.close();
});

const newApp = (dataDir?: string) =>
  (app = new AppHarness({
    backend: { baseUrl: server.url, model: 'llama3.2:1b' },
    ...(dataDir ? { dataDir } : {}),
  }));

/** The harness's profile is "custom" (the test server is on a random port): make it an Ollama one. */
async function setProfile(params: { contextLength?: number; maxTokens?: number } = {}) {
  const { defaultProfileId } = await app.call('profiles.list');
  await app.call('profiles.update', { id: defaultProfileId, patch: { kind: 'ollama', params } });
}

const lastRequest = () =>
  server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as { messages: Sent[] };

/** A user message of about 40 tokens that names its turn. */
const question = (i: number) =>
  `Turn ${i}: please keep in mind this planning detail about the launch schedule, the budget owners, ` +
  `the vendor quotes and the review meeting we set for the end of the month.`;

async function say(conversationId: string, text: string) {
  const { streamId } = await app.call('chat.send', { conversationId, text });
  const end = await app.settled(streamId);
  expect(end.type).toBe('finished');
  return { streamId, end };
}

/** A conversation with TaskMaster as its system prompt and `turns` exchanges. */
async function longConversation(turns: number) {
  const { id } = await app.call('conversations.create');
  await app.call('conversations.setSystemPrompt', {
    conversationId: id,
    prompt: TASKMASTER,
    presetId: 'builtin-taskmaster',
  });
  // The preset turns the task tools on; this test is about history, not tools (the model here has none).
  await app.call('conversations.setTools', { conversationId: id, tools: [] });
  for (let i = 1; i <= turns; i++) await say(id, question(i));
  return id;
}

describe('memory within a token budget', () => {
  it('a long conversation is trimmed: system prompt first, only the newest turns, what was left out saved', async () => {
    newApp();
    server.setReply(() => 'Noted.');
    server.setPromptTokens(ours); // the server counts exactly as we do: calibration stays at 1
    await setProfile({ contextLength: 400, maxTokens: 100 }); // budget 300 tokens
    const conversationId = await longConversation(10);

    const sent = lastRequest().messages;
    expect(sent[0]).toEqual({ role: 'system', content: TASKMASTER });
    expect(sent.at(-1)).toEqual({ role: 'user', content: question(10) });
    const saved = app.saved(conversationId)!;
    const reply = saved.messages.at(-1)!;
    const history = saved.messages.filter((m) => m.role !== 'system' && m.id !== reply.id);
    const keptTurns = sent.slice(1);
    // Only the newest turns, whole and in order: a suffix of the history starting at a question.
    expect(keptTurns.length).toBeLessThan(history.length);
    expect(keptTurns.length % 2).toBe(1);
    expect(keptTurns).toEqual(
      history.slice(-keptTurns.length).map((m) => ({ role: m.role, content: answerText(m) })),
    );
    // Within the budget, and as full as whole turns allow: one more turn would not have fitted.
    expect(ours(sent)).toBeLessThanOrEqual(300);
    const oneMore = history
      .slice(-keptTurns.length - 2)
      .map((m) => ({ role: m.role, content: answerText(m) }));
    expect(ours([sent[0]!, ...oneMore])).toBeGreaterThan(300);

    // The reply says which messages were left out of its request, and survives a restart.
    const dropped = history.slice(0, history.length - keptTurns.length);
    expect(reply.context).toEqual({
      contextLength: 400,
      budgetTokens: 300,
      promptTokens: ours(sent), // the server's own count
      estimated: false,
      omittedCount: dropped.length,
      firstKeptId: history[dropped.length]!.id,
    });
    expect(omittedIdsOf(saved.messages, reply.context!)).toEqual(dropped.map((m) => m.id));
    // The `started` event carried the estimate as the request went out.
    const started = app.events
      .map((e) => e.payload)
      .filter((p): p is { type: 'started'; replyId: string; context?: Message['context'] } =>
        Boolean(p && typeof p === 'object' && (p as { type?: string }).type === 'started'),
      )
      .find((e) => e.replyId === reply.id);
    expect(started?.context).toMatchObject({
      estimated: true,
      promptTokens: ours(sent),
      omittedCount: dropped.length,
    });

    // The meter's view of the next request agrees.
    const report = await app.call('chat.context', { conversationId });
    expect(report).toMatchObject({
      model: 'llama3.2:1b',
      contextLength: 400,
      source: 'profile',
      reservedForReply: 100,
      budgetTokens: 300,
      calibration: 1,
      calibrated: true,
      estimated: true,
      overBudget: false,
    });
    expect(report.keptIds[0]).toBe(saved.messages.find((m) => m.role === 'system')?.id);
    expect(report.promptTokens).toBeLessThanOrEqual(300);
    expect(report.systemTokens).toBe(3 + countTokens('system') + countTokens(TASKMASTER));
    // With a long draft, the draft is the newest turn and more history is left out.
    const withDraft = await app.call('chat.context', { conversationId, draft: question(11).repeat(2) });
    expect(withDraft.omittedIds.length).toBeGreaterThan(report.omittedIds.length);
    expect(withDraft.keptIds.every((id) => saved.messages.some((m) => m.id === id))).toBe(true);
    expect(withDraft.promptTokens).toBeLessThanOrEqual(300);
  });

  it('calibration: a server counting twice what we count makes the next requests keep fewer turns', async () => {
    const run = async (scale: number) => {
      newApp();
      server.setReply(() => 'Noted.');
      server.setPromptTokens((messages) => scale * ours(messages));
      await setProfile({ contextLength: 600, maxTokens: 100 }); // budget 500 tokens
      const conversationId = await longConversation(8);
      const sent = lastRequest().messages;
      // What the server counted for the request fits the budget in both cases.
      expect(scale * ours(sent)).toBeLessThanOrEqual(500);
      return { conversationId, sent: sent.length };
    };
    const plain = await run(1);
    await app.core.close();
    const doubled = await run(2);
    expect(doubled.sent).toBeLessThan(plain.sent);
    expect(await app.call('chat.context', { conversationId: doubled.conversationId })).toMatchObject({
      calibration: 2,
      calibrated: true,
    });

    // What was learned is kept across a restart.
    const dataDir = app.dataDir;
    await app.core.close();
    newApp(dataDir);
    expect(await app.call('chat.context', { conversationId: doubled.conversationId })).toMatchObject({
      calibration: 2,
      calibrated: true,
    });
  });

  it('uses Ollama’s num_ctx from /api/show when the profile sets no context length', async () => {
    server.setContextMetadata({ numCtx: 300 });
    server.setReply(() => 'Noted.');
    server.setPromptTokens(ours);
    newApp();
    await setProfile();
    const { id: conversationId } = await app.call('conversations.create');
    const before = await app.call('chat.context', { conversationId });
    expect(before).toMatchObject({
      contextLength: 300,
      source: 'model',
      reservedForReply: 75,
      budgetTokens: 225,
    });
    expect(before.sourceDetail).toContain('num_ctx');
    for (let i = 1; i <= 6; i++) await say(conversationId, question(i));
    const sent = lastRequest().messages;
    expect(ours(sent)).toBeLessThanOrEqual(225);
    expect(sent.length).toBeLessThan(11);
    const reply = app.saved(conversationId)!.messages.at(-1)!;
    expect(reply.context).toMatchObject({ contextLength: 300, budgetTokens: 225 });
    expect(reply.context!.omittedCount).toBeGreaterThan(0);
    expect(server.requests.find((r) => r.path === '/api/show')?.body).toMatchObject({ model: 'llama3.2:1b' });
  });

  it('with a short conversation everything is sent, and nothing is reported left out', async () => {
    newApp();
    await setProfile();
    const { conversationId, end } = await app.ask('hello there');
    expect(end.type === 'finished' && end.message.context).toMatchObject({
      contextLength: 4096, // Ollama's default: the test model's maximum is larger
      omittedCount: 0,
    });
    const report = await app.call('chat.context', { conversationId });
    expect(report.omittedIds).toEqual([]);
    expect(report.source).toBe('default');
  });
});

describe('system prompts', () => {
  it('set from a preset, then edited, then removed: always one system message, sent first', async () => {
    newApp();
    const { id: conversationId } = await app.call('conversations.create');
    const chosen = await app.call('conversations.setSystemPrompt', {
      conversationId,
      prompt: TASKMASTER,
      presetId: 'builtin-taskmaster',
    });
    const system = chosen.messages.find((m) => m.role === 'system');
    expect(system).toMatchObject({ presetId: 'builtin-taskmaster', status: 'complete' });
    expect(system && answerText(system)).toBe(TASKMASTER);
    await say(conversationId, 'What should I do first?');
    expect(lastRequest().messages.map((m) => m.role)).toEqual(['system', 'user']);

    // Edited: the same message, no longer "from the preset".
    const edited = await app.call('conversations.setSystemPrompt', {
      conversationId,
      prompt: `${TASKMASTER} Answer in French.`,
      presetId: 'builtin-taskmaster',
    });
    const systems = edited.messages.filter((m) => m.role === 'system');
    expect(systems).toHaveLength(1);
    expect(systems[0]?.id).toBe(system?.id);
    expect(systems[0] && answerText(systems[0])).toBe(`${TASKMASTER} Answer in French.`);
    expect(systems[0]?.presetId).toBeUndefined();
    await say(conversationId, 'And then?');
    expect(lastRequest().messages[0]).toEqual({ role: 'system', content: `${TASKMASTER} Answer in French.` });
    const savedSystem = app.saved(conversationId)?.messages.find((m) => m.role === 'system');
    expect(savedSystem && answerText(savedSystem)).toMatch(/French/);

    // The plain assistant: no system prompt at all.
    const plain = await app.call('conversations.setSystemPrompt', {
      conversationId,
      prompt: '',
      presetId: 'builtin-plain',
    });
    expect(plain.messages.some((m) => m.role === 'system')).toBe(false);
    await say(conversationId, 'Anything else?');
    expect(lastRequest().messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);

    const unknown = await app.invoke('conversations.setSystemPrompt', {
      conversationId,
      prompt: 'x',
      presetId: 'gone',
    });
    expect(!unknown.ok && unknown.error.code).toBe('not-found');
    const noConversation = await app.invoke('conversations.setSystemPrompt', {
      conversationId: 'nope',
      prompt: 'x',
    });
    expect(!noConversation.ok && noConversation.error.code).toBe('not-found');
  });

  it('a prompt added after some turns is sent first; Retry and Continue still act on the last reply', async () => {
    newApp();
    const { conversationId } = await app.ask('first question');
    await app.call('conversations.setSystemPrompt', { conversationId, prompt: TASKMASTER });
    const withPrompt = app.saved(conversationId)!.messages;
    expect(withPrompt.map((m) => m.role)).toEqual(['user', 'assistant', 'system']);

    // Retry replaces the reply, not the system prompt that now sits after it.
    const { streamId } = await app.call('chat.retry', { conversationId });
    await app.settled(streamId);
    expect(lastRequest().messages.map((m) => m.role)).toEqual(['system', 'user']);
    const afterRetry = app.saved(conversationId)!.messages;
    expect(afterRetry.map((m) => m.role)).toEqual(['user', 'system', 'assistant']);

    // A cut-off reply, then a new prompt, then Continue.
    server.fail({ kind: 'eof-without-done', afterTokens: 3 });
    const cut = await app.call('chat.send', { conversationId, text: 'second question' });
    const cutEnd = await app.settled(cut.streamId);
    expect(cutEnd.type === 'failed' && cutEnd.message.status).toBe('incomplete');
    await app.call('conversations.setSystemPrompt', { conversationId, prompt: 'You are terse.' });
    const continued = await app.call('chat.continue', { conversationId });
    expect(continued.replyId).toBe(cut.replyId);
    await app.settled(continued.streamId);
    const sent = lastRequest().messages;
    expect(sent[0]).toEqual({ role: 'system', content: 'You are terse.' });
    expect(sent.at(-2)?.role).toBe('assistant');
    expect(sent.at(-1)?.content).toMatch(/^Continue your previous reply/);
  });

  it('is refused while a reply streams in that conversation', async () => {
    newApp();
    server.setTokensPerSecond(20);
    const { id: conversationId } = await app.call('conversations.create');
    const { streamId } = await app.call('chat.send', { conversationId, text: 'a slow one' });
    const busy = await app.invoke('conversations.setSystemPrompt', { conversationId, prompt: TASKMASTER });
    expect(busy.ok).toBe(false);
    if (!busy.ok) {
      expect(busy.error.code).toBe('busy');
      expect(busy.error.fix).toMatch(/Stop/);
    }
    await app.call('chat.cancel', { streamId });
    await app.settled(streamId);
    await app.call('conversations.setSystemPrompt', { conversationId, prompt: TASKMASTER });
  });
});
