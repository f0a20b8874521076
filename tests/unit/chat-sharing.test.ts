import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { AppHarness } from '../support/app-harness';

/**
 * The main and tray windows show one conversation: every window learns a turn from the stream's
 * `started` event, whichever window sent it. These check what that event carries.
 */
let server: TestServer;
let app: AppHarness;

beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b'] });
});
afterAll(() => server.close());
afterEach(async () => {
  server.clearFaults();
  await app?.close();
});

describe('what other windows learn from a reply starting', () => {
  it('a sent message travels on `started`, exactly as saved', async () => {
    app = new AppHarness({ backend: { baseUrl: server.url } });
    const { conversationId } = await app.ask('first');
    const sent = await app.call('chat.send', { conversationId, text: 'shared with the tray' });
    await app.settled(sent.streamId);
    const started = app.streamEvents(sent.streamId)[0];
    expect(started?.type).toBe('started');
    if (started?.type !== 'started') return;
    expect(started.userMessage).toEqual(sent.userMessage);
    expect(started.replaces).toBeUndefined();
    expect(app.saved(conversationId)?.messages.find((m) => m.id === sent.userMessage.id)).toEqual(
      sent.userMessage,
    );
  });

  it('a retry names the reply it replaces, and carries no user message', async () => {
    app = new AppHarness({ backend: { baseUrl: server.url } });
    server.fail({ kind: 'status', status: 401 }, 1);
    const { conversationId, end } = await app.ask('will fail first');
    if (end.type !== 'failed') throw new Error(`expected a failed reply, got ${end.type}`);
    const failedId = end.message.id;
    const retried = await app.call('chat.retry', { conversationId });
    await app.settled(retried.streamId);
    const started = app.streamEvents(retried.streamId)[0];
    if (started?.type !== 'started') throw new Error('no started event');
    expect(started.replaces).toBe(failedId);
    expect(started.userMessage).toBeUndefined();
    expect(app.saved(conversationId)?.messages.some((m) => m.id === failedId)).toBe(false);
  });
});
