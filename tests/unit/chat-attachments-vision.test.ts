import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentReader } from '../../electron/services/attachments/attachment-reader';
import { adapterFor } from '../../electron/services/backends/adapters';
import { listModels, modelCapabilities } from '../../electron/services/backends/model-catalog';
import type { ImagePart } from '../../shared/domain/message-parts';
import type { ProfileKind } from '../../shared/domain/profiles';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type Flavor, type TestServer } from '../support/openai-test-server';

/**
 * Which models can see, and what the user is told when one that cannot is sent an image: real HTTP
 * to the test server in each backend's manner, the real app core and stores on disk.
 */

const PNG_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
const hash = createHash('sha256').update('cat').digest('hex');
const cat: ImagePart = {
  type: 'image',
  id: 'c1',
  hash,
  name: 'cat.png',
  size: 1234,
  mimeType: 'image/png',
  width: 800,
  height: 600,
};
const reader: AttachmentReader = {
  imageDataUrl: (part) => {
    if (part.hash !== hash) throw new Error('not stored');
    return PNG_URL;
  },
  documentText: () => {
    throw new Error('not stored');
  },
};

let server: TestServer | undefined;
let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  await server?.close();
  app = undefined;
  server = undefined;
});

const chatRequests = () => server!.requests.filter((r) => r.path.endsWith('/chat/completions'));

async function sendImage(flavor: Flavor, kind: ProfileKind, model: string) {
  server = await startTestServer({ flavor, models: [model] });
  app = new AppHarness({ backend: { baseUrl: server.url, model }, attachments: reader });
  const { defaultProfileId } = await app.call('profiles.list');
  await app.call('profiles.update', { id: defaultProfileId, patch: { kind } });
  const { id } = await app.call('conversations.create');
  return { conversationId: id, server };
}

describe('which models can see', () => {
  it('OpenAI: a table by model name; unknown models are unknown', async () => {
    const target = { baseUrl: 'https://api.openai.com/v1', kind: 'openai' as const, apiKey: 'sk-x' };
    const vision = async (model: string) => (await modelCapabilities(target, model)).vision;
    for (const model of [
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-4.1-nano',
      'gpt-5',
      'o1',
      'o3',
      'o4-mini',
      'gpt-4-turbo',
    ])
      expect(await vision(model), model).toBe(true);
    for (const model of ['gpt-3.5-turbo', 'text-embedding-3-small', 'o1-mini', 'o3-mini', 'gpt-4-0613'])
      expect(await vision(model), model).toBe(false);
    expect(await modelCapabilities(target, 'my-finetune')).toEqual({});
  });

  it('OpenAI: the model list carries the table, without asking anything more', async () => {
    server = await startTestServer({ flavor: 'openai', models: ['gpt-4o', 'gpt-3.5-turbo', 'other'] });
    const models = await listModels({ baseUrl: server.url, kind: 'openai' });
    expect(models).toEqual([
      { id: 'gpt-4o', capabilities: { vision: true } },
      { id: 'gpt-3.5-turbo', capabilities: { vision: false } },
      { id: 'other' },
    ]);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/models']);
  });

  it('Ollama from /api/show capabilities, LM Studio from its type, llama.cpp from /props', async () => {
    const cases: [Flavor, string][] = [
      ['ollama', 'llama3.2-vision'],
      ['lmstudio', 'qwen2.5-vl-7b'],
      ['llamacpp', 'model.gguf'],
    ];
    for (const [flavor, model] of cases) {
      const s = await startTestServer({ flavor, models: [model] });
      const target = { baseUrl: s.url, kind: flavor as ProfileKind };
      expect((await modelCapabilities(target, model)).vision, flavor).toBe(false);
      s.setContextMetadata({ capabilities: ['vision'] });
      expect((await modelCapabilities(target, model)).vision, flavor).toBe(true);
      await s.close();
    }
    expect(
      await adapterFor('custom').capabilities({ baseUrl: 'http://x/v1', kind: 'custom' }, 'm', {
        timeoutMs: 1,
      }),
    ).toEqual({});
  });
});

describe('models.capabilities', () => {
  it('answers what the profile’s server says of one model (Ollama’s /api/show), for the composer’s warning', async () => {
    const { server: s } = await sendImage('ollama', 'ollama', 'llama3.2:1b');
    const { defaultProfileId } = await app!.call('profiles.list');
    s.setContextMetadata({ capabilities: ['tools'] });
    expect(
      await app!.call('models.capabilities', { profileId: defaultProfileId, model: 'llama3.2:1b' }),
    ).toEqual(expect.objectContaining({ vision: false }));
    const unknown = await app!.invoke('models.capabilities', { profileId: 'nope', model: 'm' });
    expect(unknown.ok).toBe(false);
  });
});

describe('a model or server that cannot read images', () => {
  it('llama.cpp without a projector answers 500: worded as such, with the fix, and not retried', async () => {
    const { conversationId } = await sendImage('llamacpp', 'llamacpp', 'model.gguf');
    const { streamId } = await app!.call('chat.send', {
      conversationId,
      text: 'What is this?',
      attachments: [cat],
    });
    const end = await app!.settled(streamId);
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.error.code).toBe('not-supported');
    expect(end.error.message).toBe('This model or server cannot read images.');
    expect(end.error.fix).toContain('--mmproj');
    expect(end.error.detail).toContain('image input is not supported');
    expect(chatRequests()).toHaveLength(1);
    // The typed message is kept (saved), the reply says why.
    expect(app!.saved(conversationId)?.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'failed'],
    ]);
  });

  it('llama.cpp with a projector takes the image', async () => {
    const { conversationId, server: s } = await sendImage('llamacpp', 'llamacpp', 'model.gguf');
    s.setContextMetadata({ capabilities: ['vision'] });
    const { streamId } = await app!.call('chat.send', {
      conversationId,
      text: 'What is this?',
      attachments: [cat],
    });
    expect((await app!.settled(streamId)).type).toBe('finished');
  });

  it('another server’s 400 about images names a vision model to choose (Ollama)', async () => {
    const { conversationId, server: s } = await sendImage('ollama', 'ollama', 'llama3.2:1b');
    s.fail({ kind: 'status', status: 400, message: 'this model does not support image input' });
    const { streamId } = await app!.call('chat.send', {
      conversationId,
      text: 'What is this?',
      attachments: [cat],
    });
    const end = await app!.settled(streamId);
    expect(end.type === 'failed' && end.error.message).toBe('This model or server cannot read images.');
    expect(end.type === 'failed' && end.error.fix).toMatch(/llama3\.2-vision/);
  });

  it('the same 400 without images in the request keeps the general wording', async () => {
    const { conversationId, server: s } = await sendImage('ollama', 'ollama', 'llama3.2:1b');
    s.fail({ kind: 'status', status: 400, message: 'this model does not support image input' });
    const { streamId } = await app!.call('chat.send', { conversationId, text: 'Plain text' });
    const end = await app!.settled(streamId);
    expect(end.type === 'failed' && end.error.code).toBe('bad-request');
  });
});
