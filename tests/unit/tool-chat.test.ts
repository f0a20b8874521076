import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatStreamEvent } from '../../shared/contract/chat-stream';
import { answerText } from '../../shared/domain/message-content';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { mcpProvider, taskProvider } from '../support/tool-loop-rig';

/**
 * Tools through the whole chat path of the app core: `conversations.setTools` (the tasks helper's
 * route), `chat.send`, the loop, `tools.decide`, `chat.streams` while a call waits, and the reply
 * saved with its tool parts. Providers are implemented in the test.
 */
let server: TestServer;
let app: AppHarness;
beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama' });
});
afterAll(() => server.close());
afterEach(async () => {
  server.setToolCalls(undefined);
  server.setContextMetadata({});
  await app?.close();
});

async function conversationWithTools(tools: string[]): Promise<string> {
  app = new AppHarness({ backend: { baseUrl: server.url, model: 'llama3.2:1b' } });
  app.core.tools.register(taskProvider());
  const { id } = await app.call('conversations.create');
  await app.call('conversations.setTools', { conversationId: id, tools });
  return id;
}
const streamEvents = () =>
  app.events.filter((e) => e.name === 'chat.stream').map((e) => e.payload as ChatStreamEvent);

describe('chat with tools', () => {
  it('runs a task tool and saves the whole loop in one assistant message', async () => {
    const conversationId = await conversationWithTools(['tasks']);
    server.setToolCalls({
      flavour: 'fragments',
      calls: [{ name: 'create_task', arguments: { title: 'Q4 Budget Review' } }],
    });
    const { streamId } = await app.call('chat.send', { conversationId, text: 'Create a task' });
    await app.settled(streamId);
    const saved = app.saved(conversationId)!;
    const reply = saved.messages.at(-1)!;
    expect(reply.status).toBe('complete');
    expect(reply.parts.map((p) => p.type)).toEqual(['tool-call', 'tool-result', 'text']);
    expect(answerText(reply)).toBe('The tool answered: Created task Q4 Budget Review');

    // The next turn sends the rounds back, rebuilt from the saved parts.
    server.setToolCalls(undefined);
    const next = await app.call('chat.send', { conversationId, text: 'thanks' });
    await app.settled(next.streamId);
    const last = server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as {
      messages: { role: string }[];
      tools?: unknown[];
    };
    expect(last.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
    expect(last.tools).toHaveLength(1);
  });

  it('a call waiting for approval shows in chat.streams and runs after tools.decide', async () => {
    const conversationId = await conversationWithTools(['srv1']);
    const mcp = mcpProvider();
    app.core.tools.register(mcp);
    server.setToolCalls({ flavour: 'whole', calls: [{ name: 'echo', arguments: { message: 'hi' } }] });
    const { streamId, replyId } = await app.call('chat.send', { conversationId, text: 'echo hi' });
    await app.waitFor(() =>
      streamEvents().some(
        (e) => e.type === 'part' && e.part.type === 'tool-call' && e.part.status === 'awaiting-approval',
      ),
    );
    const live = (await app.call('chat.streams')).find((r) => r.started.streamId === streamId);
    const waiting = live?.message.parts.find((p) => p.type === 'tool-call');
    expect(waiting).toMatchObject({
      status: 'awaiting-approval',
      source: { kind: 'mcp', id: 'srv1' },
      sideEffects: true,
    });
    expect(
      await app.call('tools.decide', { conversationId, replyId, partId: waiting!.id, decision: 'once' }),
    ).toEqual({ decided: true });
    await app.settled(streamId);
    expect(mcp.calls).toHaveLength(1);
    expect(answerText(app.saved(conversationId)!.messages.at(-1)!)).toBe('The tool answered: Echo: hi');
  });

  it('an Ollama model without the tools capability fails before the request, offering to turn tools off', async () => {
    const conversationId = await conversationWithTools(['tasks']);
    // An Ollama profile: its adapter asks `/api/show` for the model's capabilities.
    const { id: profileId } = await app.call('profiles.create', {
      name: 'Ollama',
      kind: 'ollama',
      baseUrl: server.url,
    });
    await app.call('conversations.setBackend', { conversationId, profileId, model: 'llama3.2:1b' });
    server.setToolCalls({ flavour: 'whole' });
    server.setContextMetadata({ capabilities: ['vision'] });
    const before = server.timings.length;
    const { streamId } = await app.call('chat.send', { conversationId, text: 'Create a task' });
    const end = await app.settled(streamId);
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.error).toMatchObject({
      code: 'tools-unsupported',
      action: { kind: 'turn-off-tools', conversationId },
    });
    expect(server.timings.length).toBe(before);
  });
});
