import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CompareRun, CompareStreamEvent } from '../../shared/domain/compare';
import { BUILT_IN_PROMPT_SETS } from '../../shared/domain/compare';
import { summariseRun } from '../../shared/domain/compare-stats';
import type { StoreProblem } from '../../shared/domain/store-problem';
import { CompareStore } from '../../electron/services/compare/compare-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import { AppHarness } from '../support/app-harness';
import { freePort } from '../support/free-port';
import { startTestServer, type StreamTiming, type TestServer } from '../support/openai-test-server';

/**
 * Compare runs end to end in Node: the real router, compare service and stores in a temp folder,
 * the real `openai` client over HTTP to two test servers with different speeds.
 */
let slow: TestServer;
let fast: TestServer;
let app: AppHarness;

const REPLY = 'one two three four five six seven eight nine ten eleven twelve';

beforeAll(async () => {
  [slow, fast] = await Promise.all([
    startTestServer({ flavor: 'ollama', models: ['llama3.2:1b'], tokensPerSecond: 50 }),
    startTestServer({ flavor: 'ollama', models: ['qwen2.5:0.5b'], tokensPerSecond: 400 }),
  ]);
  for (const server of [slow, fast]) server.setReply(() => REPLY);
});
afterAll(() => Promise.all([slow.close(), fast.close()]));
afterEach(async () => {
  for (const server of [slow, fast]) {
    server.clearFaults();
    server.setOmitUsage(false);
  }
  slow.setTokensPerSecond(50);
  fast.setReasoning(undefined);
  await app?.close();
});

/** An app with two profiles, one per server; returns their ids. */
async function newApp(options: { dataDir?: string; chat?: { idleTimeoutMs: number } } = {}) {
  app = new AppHarness({ backend: { baseUrl: slow.url }, ...options });
  const { profiles } = await app.call('profiles.list');
  const slowId = profiles[0]!.id;
  await app.call('profiles.update', { id: slowId, patch: { name: 'Slow' } });
  const { id: fastId } = await app.call('profiles.create', {
    name: 'Fast',
    kind: 'ollama',
    baseUrl: fast.url,
  });
  return { slowId, fastId };
}

function compareEvents(runId: string): CompareStreamEvent[] {
  return app.events
    .filter((e) => e.name === 'compare.stream')
    .map((e) => e.payload as CompareStreamEvent)
    .filter((e) => e.runId === runId);
}

async function finished(runId: string, timeoutMs = 20_000): Promise<CompareRun> {
  let run: CompareRun | undefined;
  await app.waitFor(() => {
    const end = compareEvents(runId).find((e) => e.type === 'run-finished');
    run = end?.type === 'run-finished' ? end.run : undefined;
    return run !== undefined;
  }, timeoutMs);
  return run!;
}

const cellAt = (run: CompareRun, promptIndex: number, pairIndex: number) =>
  run.cells.find((c) => c.promptIndex === promptIndex && c.pairIndex === pairIndex)!;

/** Every chat request both servers saw, in arrival order, with which server and prompt. */
function requestsSince(before: { slow: number; fast: number }) {
  const of = (server: TestServer, name: string, from: number) =>
    server.timings.slice(from).map((timing: StreamTiming, i) => {
      const chats = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
      const body = chats[from + i]?.body as { messages: { role: string; content: string }[] };
      return { server: name, timing, body, prompt: body.messages.at(-1)?.content };
    });
  return [...of(slow, 'slow', before.slow), ...of(fast, 'fast', before.fast)].sort(
    (a, b) => a.timing.requestAt - b.timing.requestAt,
  );
}
const counts = () => ({ slow: slow.timings.length, fast: fast.timings.length });

describe('a reasoning model in a pair', () => {
  const THOUGHT = 'Counting from one to twelve is simple enough.';

  it("keeps the cell's reasoning apart from its answer, streams both kinds, and sends the pair's own effort", async () => {
    const { slowId, fastId } = await newApp();
    await app.call('profiles.update', { id: fastId, patch: { params: { reasoningEffort: 'low' } } });
    fast.setReasoning({ style: 'reasoning_content', text: THOUGHT });
    const before = counts();
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['count'],
      params: { temperature: 0.2 },
    });
    const run = await finished(runId);
    const plain = cellAt(run, 0, 0);
    const thinking = cellAt(run, 0, 1);
    expect(plain).toMatchObject({ status: 'complete', text: REPLY });
    expect(plain.reasoning).toBeUndefined();
    expect(thinking).toMatchObject({ status: 'complete', text: REPLY });
    expect(thinking.reasoning).toMatchObject({
      type: 'reasoning',
      text: THOUGHT,
      durationMs: expect.any(Number),
      startedAt: expect.any(Number),
    });
    expect(thinking.reasoning?.incomplete).toBeUndefined();
    expect(thinking.metrics).toMatchObject({ ttfrMs: expect.any(Number), ttfaMs: expect.any(Number) });
    expect(thinking.metrics!.ttfaMs!).toBeGreaterThanOrEqual(thinking.metrics!.ttfrMs!);

    const deltas = compareEvents(runId).flatMap((e) =>
      e.type === 'cell-delta' && e.pairIndex === 1 ? [e] : [],
    );
    expect(
      deltas
        .filter((d) => d.kind === 'reasoning')
        .map((d) => d.text)
        .join(''),
    ).toBe(THOUGHT);
    expect(
      deltas
        .filter((d) => d.kind === 'text')
        .map((d) => d.text)
        .join(''),
    ).toBe(REPLY);
    // The saved run keeps it too.
    expect(cellAt(await app.call('compare.get', { id: runId }), 0, 1).reasoning?.text).toBe(THOUGHT);

    // The effort is the pair's profile's, sent to that pair only; the run's parameters never carry one.
    const requests = requestsSince(before);
    const bodyOf = (server: string) =>
      requests.find((r) => r.server === server)?.body as Record<string, unknown>;
    expect(bodyOf('fast').reasoning_effort).toBe('low');
    expect(bodyOf('slow')).not.toHaveProperty('reasoning_effort');
  });

  it('a pair cut off while thinking keeps its reasoning, marked incomplete, and says why it has no answer', async () => {
    const { slowId, fastId } = await newApp();
    fast.setReasoning({ style: 'think-tags', text: THOUGHT, cutOff: true });
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['count'],
    });
    const cell = cellAt(await finished(runId), 0, 1);
    expect(cell).toMatchObject({ status: 'incomplete', text: '', error: { code: 'incomplete' } });
    expect(cell.error?.message).toMatch(/stopped while/);
    expect(cell.reasoning).toMatchObject({ text: THOUGHT, incomplete: true });
  });
});

describe('a sequential run', () => {
  it('sends each prompt to every pair in order, one request at a time, with the same system prompt and parameters', async () => {
    const { slowId, fastId } = await newApp();
    const before = counts();
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['first prompt', 'second prompt'],
      systemPrompt: 'You are TaskMaster.',
      params: { temperature: 0.3, maxTokens: 64 },
    });
    const run = await finished(runId);
    expect(run.status).toBe('complete');
    expect(run.pairs.map((p) => p.label)).toEqual(['Slow · llama3.2:1b', 'Fast · qwen2.5:0.5b']);

    const requests = requestsSince(before);
    expect(requests.map((r) => `${r.server}:${r.prompt}`)).toEqual([
      'slow:first prompt',
      'fast:first prompt',
      'slow:second prompt',
      'fast:second prompt',
    ]);
    // Never two at once: each request arrives after the previous response was over.
    for (let i = 1; i < requests.length; i++)
      expect(requests[i]!.timing.requestAt).toBeGreaterThanOrEqual(requests[i - 1]!.timing.endedAt!);
    for (const { body } of requests) {
      expect(body).toMatchObject({ temperature: 0.3, max_tokens: 64, stream: true });
      expect(body.messages[0]).toEqual({ role: 'system', content: 'You are TaskMaster.' });
    }

    for (const cell of run.cells) {
      expect(cell).toMatchObject({ status: 'complete', text: REPLY, finishReason: 'stop' });
      expect(cell.usage?.completionTokens).toBe(12);
      expect(cell.metrics).toMatchObject({ retries: 0, usageEstimated: false });
      expect(cell.responseId).toMatch(/^chatcmpl-/);
    }
    expect(cellAt(run, 0, 1).model).toBe('qwen2.5:0.5b');
    const figures = summariseRun(run);
    const [slowStats, fastStats] = figures.overall;
    expect(slowStats?.completed).toBe(2);
    expect(slowStats!.tokensPerSecond.median!).toBeLessThan(fastStats!.tokensPerSecond.median!);
    expect(figures.differences[0]?.tokensPerSecondRatio).toBeGreaterThan(1);
  });

  it('streams run-started, then per cell started, coalesced deltas and finished, then run-finished', async () => {
    const { slowId, fastId } = await newApp();
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['hello'],
    });
    await finished(runId);
    const events = compareEvents(runId);
    expect(events[0]?.type).toBe('run-started');
    expect(events.at(-1)?.type).toBe('run-finished');
    // Every event names its run and is numbered from 0 per run, without gaps.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    for (const pairIndex of [0, 1]) {
      const mine = events.filter((e) => 'pairIndex' in e && e.pairIndex === pairIndex);
      expect(mine[0]?.type).toBe('cell-started');
      const text = mine.flatMap((e) => (e.type === 'cell-delta' ? [e.text] : [])).join('');
      expect(text).toBe(REPLY);
      expect(mine.every((e) => e.type !== 'cell-delta' || e.kind === 'text')).toBe(true);
      const end = events.find((e) => e.type === 'cell-finished' && e.cell.pairIndex === pairIndex);
      expect(end?.type === 'cell-finished' && end.cell.status).toBe('complete');
    }
    // Cells run in order: pair 0 finished before pair 1 started.
    const types = events.map((e) => `${e.type}${'pairIndex' in e ? e.pairIndex : ''}`);
    expect(types.indexOf('cell-started1')).toBeGreaterThan(types.findIndex((t) => t === 'cell-finished'));
    expect(app.events.some((e) => e.name === 'compare.changed')).toBe(true);
  });
});

describe('a parallel run', () => {
  it('sends each prompt to every pair at once, and the next prompt only after both answered', async () => {
    const { slowId, fastId } = await newApp();
    const before = counts();
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['p1', 'p2'],
      parallel: true,
    });
    const run = await finished(runId);
    expect(run.parallel).toBe(true);
    expect(run.cells.every((c) => c.status === 'complete')).toBe(true);
    const requests = requestsSince(before);
    const of = (prompt: string) => requests.filter((r) => r.prompt === prompt).map((r) => r.timing);
    const [a, b] = of('p1');
    const overlap = Math.min(a!.endedAt!, b!.endedAt!) - Math.max(a!.requestAt, b!.requestAt);
    expect(overlap).toBeGreaterThan(0);
    const lastOfFirst = Math.max(...of('p1').map((t) => t.endedAt!));
    for (const t of of('p2')) expect(t.requestAt).toBeGreaterThanOrEqual(lastOfFirst);
  });
});

describe('failures stay in their own cells', () => {
  it('a backend that is down and a model that is missing fail in place; the other pair completes', async () => {
    const { slowId, fastId } = await newApp();
    const port = await freePort();
    const { id: downId } = await app.call('profiles.create', {
      name: 'Down',
      kind: 'ollama',
      baseUrl: `http://127.0.0.1:${port}/v1`,
    });
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: downId, model: 'llama3.2:1b' },
        { profileId: slowId, model: 'mistral:7b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['one', 'two'],
    });
    const run = await finished(runId);
    expect(run.status).toBe('complete');
    for (const promptIndex of [0, 1]) {
      const down = cellAt(run, promptIndex, 0);
      expect(down.status).toBe('failed');
      // The same wording as chat: the cause, and how to start Ollama.
      expect(down.error).toMatchObject({ code: 'backend-unreachable' });
      expect(down.error?.message).toContain('refused');
      expect(down.error?.fix).toContain('ollama serve');
      const missing = cellAt(run, promptIndex, 1);
      expect(missing.status).toBe('failed');
      expect(missing.error).toMatchObject({ code: 'model-not-found' });
      expect(missing.error?.fix).toContain('ollama pull mistral:7b');
      expect(missing.metrics?.firstTokenAt).toBeUndefined();
      expect(cellAt(run, promptIndex, 2)).toMatchObject({ status: 'complete', text: REPLY });
    }
    const figures = summariseRun(run);
    expect(figures.overall.map((p) => [p.completed, p.failed])).toEqual([
      [0, 2],
      [0, 2],
      [2, 0],
    ]);
    expect(figures.prompts[0]?.cells[0]?.error).toContain('refused');
  });

  it('a stream that stalls is cut by the idle watchdog, keeping its partial text; the run goes on', async () => {
    const { slowId, fastId } = await newApp({ chat: { idleTimeoutMs: 300 } });
    slow.fail({ kind: 'stall-after-headers', afterTokens: 3 });
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['stall', 'then fine'],
    });
    const run = await finished(runId);
    expect(cellAt(run, 0, 0)).toMatchObject({
      status: 'incomplete',
      text: 'one two three',
      error: { code: 'stalled' },
    });
    expect(cellAt(run, 0, 1).status).toBe('complete');
    expect(cellAt(run, 1, 0).status).toBe('complete');
  });

  it('a 5xx before the first token is retried and recorded in the cell', async () => {
    const { slowId, fastId } = await newApp();
    fast.fail({ kind: 'status', status: 500 }, 1);
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['retry me'],
    });
    const run = await finished(runId);
    expect(cellAt(run, 0, 1)).toMatchObject({ status: 'complete', metrics: { retries: 1 } });
    expect(cellAt(run, 0, 0).metrics?.retries).toBe(0);
  });

  it('a server that reports no usage gets estimated counts, marked as such', async () => {
    const { slowId, fastId } = await newApp();
    fast.setOmitUsage(true);
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['count me'],
    });
    const run = await finished(runId);
    expect(cellAt(run, 0, 0).metrics?.usageEstimated).toBe(false);
    const estimated = cellAt(run, 0, 1);
    expect(estimated.metrics?.usageEstimated).toBe(true);
    expect(estimated.usage?.completionTokens).toBeGreaterThan(0);
    expect(estimated.usage?.promptTokens).toBeGreaterThan(0);
  });

  it('a cloud profile while offline fails at once in its cells, sending nothing', async () => {
    app = new AppHarness({ backend: { baseUrl: fast.url }, network: { isOnline: () => false } });
    const { profiles } = await app.call('profiles.list');
    const { id: cloudId } = await app.call('profiles.create', {
      name: 'OpenAI',
      kind: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-test',
    });
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: profiles[0]!.id, model: 'qwen2.5:0.5b' },
        { profileId: cloudId, model: 'gpt-4o-mini' },
      ],
      prompts: ['hi'],
    });
    const run = await finished(runId);
    expect(cellAt(run, 0, 0).status).toBe('complete');
    expect(cellAt(run, 0, 1)).toMatchObject({ status: 'failed', error: { code: 'offline' } });
  });
});

describe('cancel', () => {
  it('keeps the finished cells, the partial answer as cancelled, marks the rest cancelled and saves the run', async () => {
    const { slowId, fastId } = await newApp();
    slow.setTokensPerSecond(20);
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: fastId, model: 'qwen2.5:0.5b' },
        { profileId: slowId, model: 'llama3.2:1b' },
      ],
      prompts: ['a', 'b', 'c'],
    });
    await app.waitFor(() =>
      compareEvents(runId).some((e) => e.type === 'cell-delta' && e.pairIndex === 1 && e.promptIndex === 0),
    );
    expect(await app.call('compare.cancel', { runId })).toEqual({ cancelled: true });
    expect(await app.call('compare.cancel', { runId })).toEqual({ cancelled: false });
    const run = await app.call('compare.get', { id: runId });
    expect(run.status).toBe('cancelled');
    expect(run.finishedAt).toBeDefined();
    expect(cellAt(run, 0, 0)).toMatchObject({ status: 'complete', text: REPLY });
    const partial = cellAt(run, 0, 1);
    expect(partial.status).toBe('cancelled');
    expect(partial.text.length).toBeGreaterThan(0);
    expect(REPLY.startsWith(partial.text)).toBe(true);
    expect(partial.metrics?.firstTokenAt).toBeDefined();
    for (const promptIndex of [1, 2])
      for (const pairIndex of [0, 1]) expect(cellAt(run, promptIndex, pairIndex).status).toBe('cancelled');
    await app.waitFor(() => slow.timings.at(-1)?.aborted === true);
    expect(compareEvents(runId).at(-1)).toMatchObject({ type: 'run-finished', run: { status: 'cancelled' } });

    // Saved as it ended: a store opened afresh on the same folder reads the same run.
    const store = CompareStore.open({ dir: join(app.dataDir, 'compare'), openStore: openConfStore });
    expect(store.get(runId)).toEqual(run);
    expect(store.list()[0]).toMatchObject({ id: runId, status: 'cancelled', promptCount: 3 });
  });

  it('closing the app cancels a running run and saves it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'compare-close-'));
    try {
      const { slowId, fastId } = await newApp({ dataDir });
      slow.setTokensPerSecond(20);
      const { runId } = await app.call('compare.start', {
        pairs: [
          { profileId: slowId, model: 'llama3.2:1b' },
          { profileId: fastId, model: 'qwen2.5:0.5b' },
        ],
        prompts: ['a', 'b'],
      });
      await app.waitFor(() => compareEvents(runId).some((e) => e.type === 'cell-delta'));
      await app.core.close();
      const store = CompareStore.open({ dir: join(dataDir, 'compare'), openStore: openConfStore });
      const run = store.get(runId);
      expect(run?.status).toBe('cancelled');
      expect(run?.cells.map((c) => c.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
      expect(run?.cells[0]?.text.length).toBeGreaterThan(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a second run while one is going', async () => {
    const { slowId, fastId } = await newApp();
    slow.setTokensPerSecond(20);
    const input = {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['a'],
    };
    const { runId } = await app.call('compare.start', input);
    expect(await app.invoke('compare.start', input)).toMatchObject({ ok: false, error: { code: 'busy' } });
    await app.call('compare.cancel', { runId });
    expect((await app.invoke('compare.start', input)).ok).toBe(true);
  });
});

describe('saved runs', () => {
  it('are listed newest first, reopen after a restart, export, and can be deleted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'compare-saved-'));
    try {
      const { slowId, fastId } = await newApp({ dataDir });
      const pairs = [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ];
      const first = await app.call('compare.start', { pairs, prompts: ['x'], name: 'First' });
      const one = await finished(first.runId);
      const second = await app.call('compare.start', { pairs, prompts: ['y', 'z'] });
      await finished(second.runId);
      await app.core.close();

      app = new AppHarness({ dataDir, backend: { baseUrl: slow.url } });
      const list = await app.call('compare.list');
      expect(list.map((r) => r.id)).toEqual([second.runId, first.runId]);
      expect(list[1]).toEqual({
        id: first.runId,
        name: 'First',
        createdAt: one.createdAt,
        status: 'complete',
        pairLabels: ['Slow · llama3.2:1b', 'Fast · qwen2.5:0.5b'],
        promptCount: 1,
      });
      // A short default name: prompts, each model once, the time (the pair labels are beside it).
      const at = new Date(list[0]!.createdAt);
      const clock = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
      expect(list[0]?.name).toBe(`2 prompts · llama3.2:1b vs qwen2.5:0.5b · ${clock}`);
      expect(await app.call('compare.get', { id: first.runId })).toEqual(one);

      const csv = await app.call('compare.export', { id: first.runId, format: 'csv' });
      expect(csv.filename).toMatch(/^compare-first-\d{8}-\d{4}\.csv$/);
      expect(csv.content.split('\r\n')).toHaveLength(1 + 2 + 1);
      const md = await app.call('compare.export', { id: first.runId, format: 'markdown' });
      expect(md.content).toContain('## Overall');

      expect(await app.call('compare.delete', { id: first.runId })).toEqual({ id: first.runId });
      expect((await app.call('compare.list')).map((r) => r.id)).toEqual([second.runId]);
      expect(await app.invoke('compare.get', { id: first.runId })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      expect(await app.invoke('compare.delete', { id: first.runId })).toMatchObject({ ok: false });
    } finally {
      await app.core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a corrupt run file is moved aside and reported; the list and the other runs go on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'compare-corrupt-'));
    try {
      const { slowId, fastId } = await newApp({ dataDir });
      const pairs = [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ];
      const good = await app.call('compare.start', { pairs, prompts: ['x'] });
      await finished(good.runId);
      const bad = await app.call('compare.start', { pairs, prompts: ['y'] });
      await finished(bad.runId);
      await app.core.close();
      const runsDir = join(dataDir, 'compare', 'runs');
      writeFileSync(join(runsDir, `${bad.runId}.json`), '{"schemaVersion": 1, "run": {trunc');

      app = new AppHarness({ dataDir, backend: { baseUrl: slow.url } });
      expect((await app.call('compare.list')).map((r) => r.id)).toContain(bad.runId);
      expect(await app.invoke('compare.get', { id: bad.runId })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      const problem = app.events.find((e) => e.name === 'store.problem')?.payload as StoreProblem | undefined;
      expect(problem?.file).toBe(join(runsDir, `${bad.runId}.json`));
      expect(existsSync(problem!.movedTo)).toBe(true);
      expect(readdirSync(runsDir).some((f) => f.startsWith(`${bad.runId}.corrupt-`))).toBe(true);
      expect((await app.call('compare.list')).map((r) => r.id)).toEqual([good.runId]);
      expect((await app.call('compare.get', { id: good.runId })).status).toBe('complete');
    } finally {
      await app.core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a damaged index is rebuilt from the run files; a run cut off by a crash reads as cancelled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compare-index-'));
    try {
      const store = CompareStore.open({ dir, openStore: openConfStore });
      const run: CompareRun = {
        id: 'run-crashed',
        name: 'crashed',
        createdAt: 1,
        status: 'running',
        params: {},
        parallel: false,
        pairs: [
          { profileId: 'a', profileName: 'A', model: 'm', label: 'A · m' },
          { profileId: 'b', profileName: 'B', model: 'm', label: 'B · m' },
        ],
        prompts: ['p'],
        cells: [
          { promptIndex: 0, pairIndex: 0, status: 'streaming', text: 'half' },
          { promptIndex: 0, pairIndex: 1, status: 'pending', text: '' },
        ],
      };
      store.save(run);
      writeFileSync(join(dir, 'index.json'), 'not json');
      const problems: StoreProblem[] = [];
      const reopened = CompareStore.open({
        dir,
        openStore: openConfStore,
        onProblem: (p) => problems.push(p),
      });
      expect(problems).toHaveLength(1);
      expect(problems[0]?.recovery).toMatch(/rebuilt from 1 run file/);
      expect(reopened.list()).toMatchObject([{ id: 'run-crashed', status: 'cancelled' }]);
      const settled = reopened.get('run-crashed');
      expect(settled?.cells.map((c) => c.status)).toEqual(['incomplete', 'cancelled']);
      expect(settled?.cells[0]).toMatchObject({ text: 'half', error: { code: 'incomplete' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('prompt sets', () => {
  it('lists the built-in set, and creates, replaces and deletes the user’s own', async () => {
    await newApp();
    const builtIn = BUILT_IN_PROMPT_SETS[0]!;
    expect(builtIn.prompts).toHaveLength(5);
    expect(await app.call('compare.promptSets')).toEqual([builtIn]);
    const saved = await app.call('compare.savePromptSet', { name: '  Mine ', prompts: [' one ', 'two'] });
    expect(saved).toMatchObject({ name: 'Mine', prompts: ['one', 'two'], builtIn: false });
    const replaced = await app.call('compare.savePromptSet', {
      id: saved.id,
      name: 'Mine v2',
      prompts: ['three'],
    });
    expect(replaced).toEqual({ id: saved.id, name: 'Mine v2', prompts: ['three'], builtIn: false });
    expect((await app.call('compare.promptSets')).map((s) => s.name)).toEqual([builtIn.name, 'Mine v2']);
    expect(await app.invoke('compare.savePromptSet', { name: 'mine V2', prompts: ['x'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { name: expect.stringContaining('already exists') } },
    });
    expect(await app.call('compare.deletePromptSet', { id: saved.id })).toEqual({ id: saved.id });
    expect(await app.call('compare.promptSets')).toEqual([builtIn]);
    expect(await app.invoke('compare.deletePromptSet', { id: saved.id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('refuses to change or delete a built-in set, saying why', async () => {
    await newApp();
    const builtIn = BUILT_IN_PROMPT_SETS[0]!;
    const change = await app.invoke('compare.savePromptSet', {
      id: builtIn.id,
      name: 'Hacked',
      prompts: ['x'],
    });
    expect(change).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!change.ok && change.error.message).toMatch(/built-in prompt set and cannot be changed/);
    expect(!change.ok && change.error.fix).toMatch(/new prompt set/);
    const remove = await app.invoke('compare.deletePromptSet', { id: builtIn.id });
    expect(!remove.ok && remove.error.message).toMatch(/cannot be deleted/);
    expect(await app.call('compare.promptSets')).toEqual([builtIn]);
  });

  it('survive a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'compare-sets-'));
    try {
      await newApp({ dataDir });
      await app.call('compare.savePromptSet', { name: 'Kept', prompts: ['a'] });
      await app.core.close();
      app = new AppHarness({ dataDir, backend: { baseUrl: slow.url } });
      expect((await app.call('compare.promptSets')).map((s) => s.name)).toContain('Kept');
    } finally {
      await app.core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('bad input', () => {
  it('an empty prompt set, an empty prompt or a single pair cannot be run, with the reason', async () => {
    const { slowId, fastId } = await newApp();
    const pairs = [
      { profileId: slowId, model: 'llama3.2:1b' },
      { profileId: fastId, model: 'qwen2.5:0.5b' },
    ];
    const before = counts();
    const empty = await app.invoke('compare.start', { pairs, prompts: [] });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!empty.ok && empty.error.message).toContain('Add at least one prompt to run.');
    const blank = await app.invoke('compare.start', { pairs, prompts: ['ok', '   '] });
    expect(!blank.ok && blank.error.fields).toEqual({ 'prompts.1': 'A prompt is empty.' });
    const single = await app.invoke('compare.start', { pairs: pairs.slice(0, 1), prompts: ['x'] });
    expect(!single.ok && single.error.message).toContain('Choose at least two backends to compare.');
    expect(counts()).toEqual(before);
    expect(await app.call('compare.list')).toEqual([]);
  });

  it('an unknown profile fails the whole start, naming it, and runs nothing', async () => {
    const { slowId } = await newApp();
    const before = counts();
    const result = await app.invoke('compare.start', {
      pairs: [
        { profileId: slowId, model: 'llama3.2:1b' },
        { profileId: 'no-such-profile', model: 'x' },
      ],
      prompts: ['x'],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fields: { 'pairs.1.profileId': expect.stringContaining('no-such-profile') },
      },
    });
    expect(!result.ok && result.error.message).toContain('"no-such-profile"');
    expect(counts()).toEqual(before);
    expect(await app.call('compare.list')).toEqual([]);
  });

  it('the same pair twice gets numbered labels', async () => {
    const { fastId } = await newApp();
    const { runId } = await app.call('compare.start', {
      pairs: [
        { profileId: fastId, model: 'qwen2.5:0.5b' },
        { profileId: fastId, model: 'qwen2.5:0.5b' },
      ],
      prompts: ['x'],
    });
    const run = await finished(runId);
    expect(run.pairs.map((p) => p.label)).toEqual(['Fast · qwen2.5:0.5b', 'Fast · qwen2.5:0.5b (2)']);
  });
});
