import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { AppHarness } from '../support/app-harness';
import { profileInputSchema } from '../../shared/domain/profiles';
import { answerText } from '../../shared/domain/message-content';

/**
 * Backend profiles through the router, as the renderer uses them: presets, validation at the field,
 * keys encrypted at rest and never returned, the default and replacements on delete, and a
 * conversation switching backends mid-way.
 */
let local: TestServer;
let proxy: TestServer;
let app: AppHarness;
const KEY = 'sk-proxy-secret-4242';

beforeAll(async () => {
  local = await startTestServer({ flavor: 'ollama' });
  proxy = await startTestServer({ flavor: 'litellm', apiKey: KEY, models: ['my-finetune'] });
  proxy.setReply(() => 'from the proxy');
});
afterAll(async () => {
  await local.close();
  await proxy.close();
});
afterEach(() => app?.close());

const proxyInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Fine-tune',
  kind: 'litellm' as const,
  baseUrl: proxy.url,
  apiKey: KEY,
  ...overrides,
});

describe('profiles', () => {
  it('start with one default profile for the backend given, and list it', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const list = await app.call('profiles.list');
    expect(list.profiles).toHaveLength(1);
    expect(list.profiles[0]).toMatchObject({
      baseUrl: local.url,
      kind: 'custom',
      hasApiKey: false,
      location: 'local',
    });
    expect(list.defaultProfileId).toBe(list.profiles[0]?.id);
  });

  it('default to the Ollama preset on a first run with no backend given', async () => {
    app = new AppHarness({});
    const [profile] = (await app.call('profiles.list')).profiles;
    expect(profile).toMatchObject({ name: 'Ollama', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1' });
  });

  it('normalise the URL as it will be used, and store the key encrypted, never returning it', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const created = await app.call(
      'profiles.create',
      proxyInput({ baseUrl: `  ${proxy.url}/chat/completions/ ` }),
    );
    expect(created).toMatchObject({ baseUrl: proxy.url, hasApiKey: true, apiKeySource: 'saved' });
    expect(JSON.stringify(created)).not.toContain(KEY);
    const files = [
      join(app.dataDir, 'index.json'),
      ...readdirSync(join(app.dataDir, 'conversations')).map((f) => join(app.dataDir, 'conversations', f)),
    ];
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toContain(KEY);
  });

  it.each([
    [{ baseUrl: 'not a url at all' }, 'baseUrl', /not a URL/],
    [{ baseUrl: 'ftp://example.com/v1' }, 'baseUrl', /scheme "ftp" is not supported/],
    [{ name: '   ' }, 'name', /Give the profile a name/],
    [{ params: { temperature: 'hot' } }, 'params.temperature', /must be a number/],
    [{ params: { temperature: 5 } }, 'params.temperature', /at most 2/],
    [{ params: { maxTokens: 1.5 } }, 'params.maxTokens', /whole number/],
    [{ apiKey: 'sk-abc def' }, 'apiKey', /spaces or line breaks/],
  ])('reject %j at the field %s, saving nothing', async (overrides, field, reason) => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const result = await app.invoke('profiles.create', proxyInput(overrides) as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.fields?.[field]).toMatch(reason);
    expect((await app.call('profiles.list')).profiles).toHaveLength(1);
  });

  it('reject a duplicate name, ignoring case', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    await app.call('profiles.create', proxyInput());
    const again = await app.invoke('profiles.create', proxyInput({ name: 'fine-TUNE' }));
    expect(!again.ok && again.error.fields?.name).toMatch(/already exists/);
  });

  it('duplicate with a fresh name and the same key; edit keeps the key unless told otherwise', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const created = await app.call('profiles.create', proxyInput());
    const copy = await app.call('profiles.duplicate', { id: created.id });
    expect(copy).toMatchObject({ name: 'Fine-tune copy', hasApiKey: true });
    const renamed = await app.call('profiles.update', { id: copy.id, patch: { name: 'Renamed' } });
    expect(renamed.hasApiKey).toBe(true);
    const keyless = await app.call('profiles.update', { id: copy.id, patch: { apiKey: null } });
    expect(keyless.hasApiKey).toBe(false);
  });

  it('ask for a replacement before deleting the default or a profile in use, then reassign', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const first = (await app.call('profiles.list')).defaultProfileId;
    const other = await app.call('profiles.create', proxyInput());
    const { id: conversationId } = await app.call('conversations.create');
    await app.call('conversations.setBackend', { conversationId, profileId: other.id, model: null });
    expect(await app.call('profiles.usage', { id: other.id })).toEqual({
      conversations: 1,
      isDefault: false,
    });

    const refused = await app.invoke('profiles.delete', { id: other.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs-replacement' } });
    expect(await app.call('profiles.delete', { id: other.id, replacementId: first })).toEqual({
      id: other.id,
      reassigned: 1,
    });
    expect((await app.call('conversations.get', { id: conversationId })).profileId).toBe(first);

    const last = await app.invoke('profiles.delete', { id: first, replacementId: first });
    expect(last.ok).toBe(false);
  });

  it('deleting the default with a replacement makes the replacement the default', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const first = (await app.call('profiles.list')).defaultProfileId;
    const other = await app.call('profiles.create', proxyInput());
    await app.call('profiles.delete', { id: first, replacementId: other.id });
    expect((await app.call('profiles.list')).defaultProfileId).toBe(other.id);
  });

  it('survive a restart, keys included (decrypted again from disk)', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const created = await app.call('profiles.create', proxyInput());
    await app.core.close();
    const again = new AppHarness({ dataDir: app.dataDir });
    const report = await again.call('profiles.test', { id: created.id });
    expect(report.outcome).toBe('ok');
    await again.core.close();
  });
});

describe('a conversation switching backends mid-way', () => {
  it('keeps its history, sends it to the new backend, and records who answered each turn', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const proxyProfile = await app.call('profiles.create', proxyInput({ defaultModel: 'my-finetune' }));
    const { conversationId, end: first } = await app.ask('hello local');
    expect(first.type === 'finished' && answerText(first.message)).toMatch(/^You said: hello local/);

    await app.call('conversations.setBackend', { conversationId, profileId: proxyProfile.id, model: null });
    const { streamId } = await app.call('chat.send', { conversationId, text: 'and now the proxy' });
    const second = await app.settled(streamId);
    expect(second.type === 'finished' && answerText(second.message)).toBe('from the proxy');

    const sent = proxy.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1);
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(
      (sent?.body as { messages: { content: string }[]; model: string }).messages.map((m) => m.content),
    ).toEqual([
      'hello local',
      first.type === 'finished' ? answerText(first.message) : '',
      'and now the proxy',
    ]);
    const saved = app.saved(conversationId);
    expect(
      saved?.messages.filter((m) => m.role === 'assistant').map((m) => [m.profileName, m.model]),
    ).toEqual([
      [expect.any(String), 'llama3.2:1b'],
      ['Fine-tune', 'my-finetune'],
    ]);
  });

  it('an unknown model on LiteLLM (400 "Invalid model name") says to use a model_name from its config', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const proxyProfile = await app.call('profiles.create', proxyInput({ defaultModel: 'not-configured' }));
    const { id: conversationId } = await app.call('conversations.create');
    await app.call('conversations.setBackend', { conversationId, profileId: proxyProfile.id, model: null });
    const { streamId } = await app.call('chat.send', { conversationId, text: 'hi' });
    const end = await app.settled(streamId);
    expect(end.type === 'failed' && end.error).toMatchObject({
      code: 'model-not-found',
      fix: expect.stringMatching(/model_name/),
      action: { kind: 'open-profile', profileId: proxyProfile.id },
    });
  });

  it('a rejected key (401) points to the profile to fix it', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const proxyProfile = await app.call(
      'profiles.create',
      proxyInput({ apiKey: 'sk-wrong', defaultModel: 'my-finetune' }),
    );
    const { id: conversationId } = await app.call('conversations.create');
    await app.call('conversations.setBackend', { conversationId, profileId: proxyProfile.id, model: null });
    const { streamId } = await app.call('chat.send', { conversationId, text: 'hi' });
    const end = await app.settled(streamId);
    expect(end.type === 'failed' && end.error).toMatchObject({
      code: 'auth',
      action: { kind: 'open-profile', profileId: proxyProfile.id },
    });
  });
});

describe('the key never reaches the renderer', () => {
  it('appears in no route answer and no event, whatever the renderer does', async () => {
    app = new AppHarness({ backend: { baseUrl: local.url } });
    const answers: unknown[] = [];
    const record = async <T>(p: Promise<T>) => {
      const value = await p;
      answers.push(value);
      return value;
    };
    const created = await record(app.call('profiles.create', proxyInput({ defaultModel: 'my-finetune' })));
    await record(app.call('profiles.list'));
    await record(app.call('settings.get'));
    await record(app.call('profiles.test', { id: created.id }));
    await record(app.call('profiles.test', { draft: proxyInput({ apiKey: undefined }), id: created.id }));
    await record(app.call('models.list', { profileId: created.id }));
    await record(app.call('profiles.duplicate', { id: created.id }));
    const { id: conversationId } = await record(app.call('conversations.create'));
    await record(
      app.call('conversations.setBackend', { conversationId, profileId: created.id, model: null }),
    );
    const { streamId } = await record(app.call('chat.send', { conversationId, text: 'hi' }));
    await app.settled(streamId);
    await record(app.call('conversations.get', { id: conversationId }));
    expect(JSON.stringify(answers)).not.toContain(KEY);
    expect(JSON.stringify(app.events)).not.toContain(KEY);
  });
});

describe('the profile schema', () => {
  it('is the one both sides validate with', () => {
    expect(profileInputSchema.safeParse(proxyInput()).success).toBe(true);
  });
});

describe('each backend’s own failures, as the user sees them', () => {
  it('OpenAI: 429 honours retry-after and shows the countdown; 401 points to the profile', async () => {
    const cloud = await startTestServer({ flavor: 'openai', apiKey: 'sk-good', models: ['gpt-4o-mini'] });
    try {
      app = new AppHarness({ backend: { baseUrl: local.url } });
      const profile = await app.call('profiles.create', {
        name: 'Cloud-ish',
        kind: 'openai',
        baseUrl: cloud.url,
        apiKey: 'sk-good',
        defaultModel: 'gpt-4o-mini',
      });
      const { id: conversationId } = await app.call('conversations.create');
      await app.call('conversations.setBackend', { conversationId, profileId: profile.id, model: null });
      cloud.fail({ kind: 'status', status: 429, retryAfterSeconds: 1 });
      const { streamId } = await app.call('chat.send', { conversationId, text: 'busy?' });
      expect((await app.settled(streamId)).type).toBe('finished');
      const retry = app.streamEvents(streamId).find((e) => e.type === 'progress' && e.phase === 'retrying');
      expect(retry).toMatchObject({
        attempt: 2,
        retryInMs: 1000,
        reason: expect.stringMatching(/rate limiting/),
      });

      await app.call('profiles.update', { id: profile.id, patch: { apiKey: 'sk-bad' } });
      const second = await app.call('chat.send', { conversationId, text: 'key?' });
      const end = await app.settled(second.streamId);
      expect(end.type === 'failed' && end.error).toMatchObject({
        code: 'auth',
        message: expect.stringMatching(/401/),
        action: { kind: 'open-profile', profileId: profile.id },
      });
    } finally {
      await cloud.close();
    }
  });

  it('llama.cpp: an in-band error line leaves an incomplete reply that can be continued', async () => {
    const llama = await startTestServer({ flavor: 'llamacpp' });
    try {
      app = new AppHarness({ backend: { baseUrl: llama.url, model: 'whatever.gguf' } });
      llama.fail({ kind: 'inband-error', afterTokens: 2, message: 'context full' });
      const { end } = await app.ask('long one');
      expect(end.type === 'failed' && end.message).toMatchObject({
        status: 'incomplete',
        error: { code: 'incomplete' },
      });
    } finally {
      await llama.close();
    }
  });
});
