import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullProgress } from '../../shared/domain/ollama-models';
import { OllamaPulls } from '../../electron/services/ollama/ollama-pulls';
import { PullProgressTracker } from '../../electron/services/ollama/pull-progress';
import { DEFAULT_LAYERS } from '../support/ollama-native';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { freePort } from '../support/free-port';

/** Pulling Ollama models over real HTTP against the test server's `/api/pull` stream. */
let server: TestServer;
let events: PullProgress[];
let changed: string[];
let pulls: OllamaPulls;

beforeEach(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b'] });
  events = [];
  changed = [];
  pulls = new OllamaPulls({ emit: (p) => events.push(p), onModelsChanged: (id) => changed.push(id) });
});
afterEach(async () => {
  pulls.close();
  await server.close();
});

const target = () => ({ baseUrl: server.url, kind: 'ollama' as const, profileId: 'p-ollama' });
const final = async (pullId: string, timeoutMs = 10_000): Promise<PullProgress> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const end = events.find((e) => e.pullId === pullId && e.state !== 'running');
    if (end) return end;
    if (Date.now() > deadline) throw new Error(`pull did not end: ${JSON.stringify(events.slice(-3))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const TOTAL = DEFAULT_LAYERS.reduce((a, b) => a + b, 0);

describe('ollama pulls', () => {
  it('streams progress summed over layers, ends done with every byte, and the model is then listed', async () => {
    const { pullId } = pulls.start(target(), 'qwen3:0.6b');
    const end = await final(pullId);
    expect(end).toMatchObject({
      pullId,
      profileId: 'p-ollama',
      model: 'qwen3:0.6b',
      state: 'done',
      completedBytes: TOTAL,
      totalBytes: TOTAL,
    });
    expect(server.requests.find((r) => r.path === '/api/pull')?.body).toEqual({
      model: 'qwen3:0.6b',
      stream: true,
    });
    expect(changed).toEqual(['p-ollama']);
    const listed = (await (await fetch(`${server.url}/models`)).json()) as { data: { id: string }[] };
    expect(listed.data.map((m) => m.id)).toContain('qwen3:0.6b');
    expect(pulls.list()).toEqual([]);
  });

  it('throttles events to a few a second, always sends the last one, and reports speed and time left', async () => {
    // 4 MB at 4 MB/s: about a second, 80 lines of progress.
    server.ollama.setPullSpeed(4_000_000);
    const { pullId } = pulls.start(target(), 'llama3.2:3b');
    await new Promise((r) => setTimeout(r, 600));
    // A window opening mid-pull sees it.
    expect(pulls.list()).toEqual([expect.objectContaining({ pullId, state: 'running' })]);
    const end = await final(pullId);
    expect(end.state).toBe('done');
    const running = events.filter((e) => e.pullId === pullId && e.state === 'running');
    expect(running.length).toBeGreaterThan(1);
    expect(running.length).toBeLessThan(15);
    const mid = running.find((e) => e.bytesPerSecond !== undefined && e.secondsLeft !== undefined);
    expect(mid?.bytesPerSecond).toBeGreaterThan(0);
    expect(mid?.completedBytes).toBeLessThan(TOTAL);
    const done = running.map((e) => e.completedBytes ?? 0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('a model that does not exist says so and how to find the name', async () => {
    const { pullId } = pulls.start(target(), 'no-such-model');
    const end = await final(pullId);
    expect(end.state).toBe('failed');
    expect(end.error).toMatchObject({
      code: 'model-not-found',
      message: 'No model named no-such-model on ollama.com.',
      fix: expect.stringContaining('Check the name'),
      detail: 'pull model manifest: file does not exist',
    });
    expect(changed).toEqual([]);
  });

  it('a connection cut mid-download says so and can be retried (Ollama resumes)', async () => {
    server.ollama.failNextPull({ dropAfterBytes: 2_000_000 });
    const first = pulls.start(target(), 'gemma3:1b');
    const end = await final(first.pullId);
    expect(end.state).toBe('failed');
    expect(end.error).toMatchObject({
      code: 'connection-lost',
      message: 'The download of gemma3:1b was cut before it finished.',
      fix: 'Try again: Ollama resumes it where it stopped.',
      retryable: true,
    });
    expect(end.completedBytes).toBeGreaterThan(0);
    const again = pulls.start(target(), 'gemma3:1b');
    expect((await final(again.pullId)).state).toBe('done');
  });

  it('cancel aborts the request, which Ollama sees as the client leaving', async () => {
    server.ollama.setPullSpeed(1_000_000);
    const { pullId } = pulls.start(target(), 'qwen3:8b');
    await new Promise((r) => setTimeout(r, 300));
    expect(pulls.cancel(pullId)).toEqual({ cancelled: true });
    expect(pulls.cancel(pullId)).toEqual({ cancelled: false });
    expect((await final(pullId)).state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 200));
    expect(server.ollama.pulls.at(-1)).toMatchObject({ model: 'qwen3:8b', state: 'cancelled' });
    expect(pulls.list()).toEqual([]);
    expect(events.filter((e) => e.pullId === pullId).at(-1)?.state).toBe('cancelled');
  });

  it('the same model on the same profile is one pull', async () => {
    server.ollama.setPullSpeed(8_000_000);
    const a = pulls.start(target(), 'llama3.2');
    const b = pulls.start(target(), 'llama3.2');
    expect(b.pullId).toBe(a.pullId);
    await final(a.pullId);
  });

  it('nothing listening: Ollama does not answer, start it', async () => {
    const port = await freePort();
    const { pullId } = pulls.start({ ...target(), baseUrl: `http://127.0.0.1:${port}/v1` }, 'llama3.2');
    const end = await final(pullId);
    expect(end).toMatchObject({ state: 'failed', error: { code: 'backend-unreachable' } });
    expect(end.error?.fix).toContain('ollama serve');
  });
});

describe('pull progress figures', () => {
  it('sums layers by digest, smooths the speed and says the time left', () => {
    let now = 0;
    const tracker = new PullProgressTracker(() => now);
    expect(tracker.add({ status: 'pulling manifest' })).toEqual({ status: 'pulling manifest' });
    tracker.add({ status: 'pulling a', digest: 'sha256:a', total: 1000, completed: 0 });
    tracker.add({ status: 'pulling b', digest: 'sha256:b', total: 200, completed: 0 });
    now = 1000;
    const after = tracker.add({ status: 'pulling a', digest: 'sha256:a', total: 1000, completed: 400 });
    expect(after).toMatchObject({
      completedBytes: 400,
      totalBytes: 1200,
      bytesPerSecond: 400,
      secondsLeft: 2,
    });
    now = 2000;
    const next = tracker.add({ status: 'pulling a', digest: 'sha256:a', total: 1000, completed: 600 });
    // 200 B/s now, smoothed with the 400 before: between the two.
    expect(next.bytesPerSecond).toBeGreaterThan(200);
    expect(next.bytesPerSecond).toBeLessThan(400);
  });
});
