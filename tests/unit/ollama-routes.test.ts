import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullProgress } from '../../shared/domain/ollama-models';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';

/** The `ollama.*` routes through the real app core, against the test server over HTTP. */
let server: TestServer;
let app: AppHarness;
let profileId: string;

beforeEach(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b', 'qwen3:0.6b'] });
  app = new AppHarness({});
  // The first run's Ollama profile, pointed at the test server.
  profileId = (await app.call('profiles.list')).defaultProfileId;
  await app.call('profiles.update', {
    id: profileId,
    patch: { baseUrl: server.url, defaultModel: 'llama3.2:1b' },
  });
});
afterEach(async () => {
  await app.close();
  await server.close();
});

const pullEvents = () =>
  app.events.filter((e) => e.name === 'ollama.pull').map((e) => e.payload as PullProgress);

describe('ollama routes', () => {
  it('pull: progress as ollama.pull events, and the lists refresh when it is done', async () => {
    const changes = () => app.events.filter((e) => e.name === 'profiles.changed').length;
    const before = changes();
    const { pullId } = await app.call('ollama.pull', { profileId, model: 'gemma3:1b' });
    await app.waitFor(() => pullEvents().some((e) => e.pullId === pullId && e.state === 'done'));
    const done = pullEvents().find((e) => e.state === 'done')!;
    expect(done).toMatchObject({ model: 'gemma3:1b', profileId });
    await app.waitFor(() => changes() > before);
    const models = await app.call('models.list', { profileId });
    expect(models.models.map((m) => m.id)).toContain('gemma3:1b');
    expect(await app.call('ollama.pulls')).toEqual([]);
  });

  it('cancelPull stops a running pull; pulls lists it while it runs', async () => {
    server.ollama.setPullSpeed(1_000_000);
    const { pullId } = await app.call('ollama.pull', { profileId, model: 'qwen3:8b' });
    await app.waitFor(() => pullEvents().some((e) => (e.completedBytes ?? 0) > 0));
    expect((await app.call('ollama.pulls')).map((p) => p.pullId)).toEqual([pullId]);
    expect(await app.call('ollama.cancelPull', { pullId })).toEqual({ cancelled: true });
    expect(pullEvents().at(-1)).toMatchObject({ pullId, state: 'cancelled' });
  });

  it('a bad name is refused before anything is asked', async () => {
    const result = await app.invoke('ollama.pull', { profileId, model: '  ' });
    expect(result.ok).toBe(false);
    expect(server.requests.some((r) => r.path === '/api/pull')).toBe(false);
  });

  it('delete: says how many conversations use the model, and moves them to a replacement', async () => {
    const chosen = await app.call('conversations.create');
    await app.call('conversations.setBackend', {
      conversationId: chosen.id,
      profileId,
      model: 'llama3.2:1b',
    });
    // This one uses the profile's default model, which is the same.
    await app.call('conversations.create');
    const other = await app.call('conversations.create');
    await app.call('conversations.setBackend', { conversationId: other.id, profileId, model: 'qwen3:0.6b' });

    expect(await app.call('ollama.usage', { profileId, model: 'llama3.2:1b' })).toEqual({
      conversations: 2,
      isDefaultModel: true,
    });
    expect(await app.call('ollama.usage', { profileId, model: 'qwen3:0.6b' })).toEqual({
      conversations: 1,
      isDefaultModel: false,
    });

    const deleted = await app.call('ollama.delete', {
      profileId,
      model: 'llama3.2:1b',
      replacement: 'qwen3:0.6b',
    });
    expect(deleted).toEqual({ model: 'llama3.2:1b', usedBy: 2, reassigned: 2 });
    expect(server.requests.find((r) => r.path === '/api/delete')).toMatchObject({
      method: 'DELETE',
      body: { model: 'llama3.2:1b' },
    });
    expect((await app.call('models.list', { profileId })).models.map((m) => m.id)).toEqual(['qwen3:0.6b']);
    expect((await app.call('profiles.list')).profiles[0]?.defaultModel).toBe('qwen3:0.6b');
    const moved = await app.call('conversations.get', { id: chosen.id });
    expect(moved.chosenModel).toBe('qwen3:0.6b');
  });

  it('delete of a model that is not there says so', async () => {
    const result = await app.invoke('ollama.delete', { profileId, model: 'mistral:7b' });
    expect(result).toMatchObject({ ok: false, error: { code: 'model-not-found' } });
  });

  it('loaded and unload: /api/ps, then keep_alive 0', async () => {
    server.ollama.setLoaded(['llama3.2:1b']);
    const loaded = await app.call('ollama.loaded', { profileId });
    expect(loaded).toEqual([
      expect.objectContaining({ name: 'llama3.2:1b', sizeBytes: 2_000_000_000, contextLength: 4096 }),
    ]);
    expect(loaded[0]?.expiresAt).toBe(Date.parse('2099-01-01T00:00:00Z'));
    expect(await app.call('ollama.unload', { profileId, model: 'llama3.2:1b' })).toEqual({
      model: 'llama3.2:1b',
    });
    expect(server.requests.find((r) => r.path === '/api/generate')?.body).toEqual({
      model: 'llama3.2:1b',
      keep_alive: 0,
    });
    expect(await app.call('ollama.loaded', { profileId })).toEqual([]);
  });

  it('a profile of another kind is refused with the reason', async () => {
    const other = await app.call('profiles.create', {
      name: 'Studio',
      kind: 'lmstudio',
      baseUrl: 'http://127.0.0.1:1/v1',
      params: {},
    });
    const result = await app.invoke('ollama.loaded', { profileId: other.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-supported' } });
  });
});
