import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessagePart, ToolCallPart, ToolResultPart } from '../../shared/domain/message-parts';
import { answerText } from '../../shared/domain/message-content';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { mcpProvider, taskProvider, ToolLoopRig } from '../support/tool-loop-rig';

/**
 * The tool loop end to end at unit level: real HTTP to the test server (tool calls in each
 * backend's style), the real loop, argument checks, approval gate and limits; only the tool
 * sources are implemented in the test.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama' });
});
afterAll(() => server.close());
afterEach(() => {
  server.setToolCalls(undefined);
  server.requests.length = 0;
});

const calls = (parts: MessagePart[]) => parts.filter((p): p is ToolCallPart => p.type === 'tool-call');
const results = (parts: MessagePart[]) => parts.filter((p): p is ToolResultPart => p.type === 'tool-result');
const chatBodies = () =>
  server.requests
    .filter((r) => r.path.endsWith('/chat/completions'))
    .map((r) => r.body as { tools?: { function: { name: string } }[]; messages: Record<string, unknown>[] });

function rigWith(...providers: ReturnType<typeof taskProvider>[]): ToolLoopRig {
  const rig = new ToolLoopRig(server.url);
  for (const provider of providers) rig.registry.register(provider);
  return rig;
}

const q4 = { name: 'create_task', arguments: { title: 'Q4 Budget Review', priority: 'high' } };

describe('a round of tool calls', () => {
  for (const flavour of ['whole', 'fragments', 'litellm-repeat', 'missing-id'] as const) {
    it(`${flavour}: runs the call, sends the result back and answers with it`, async () => {
      const tasks = taskProvider();
      const rig = rigWith(tasks);
      server.setToolCalls({ flavour, calls: [q4] });
      const { reply, end } = await rig.run();
      expect(end.type).toBe('finished');
      expect(tasks.calls.map((c) => c.args)).toEqual([q4.arguments]);
      const [call] = calls(reply.parts);
      expect(call).toMatchObject({
        name: 'create_task',
        status: 'done',
        summary: 'Created task · Q4 Budget Review',
      });
      expect(call?.source).toEqual({ kind: 'builtin', id: 'tasks', name: 'Task list' });
      expect(results(reply.parts)).toEqual([
        expect.objectContaining({
          callId: call?.callId,
          content: 'Created task Q4 Budget Review',
          isError: false,
        }),
      ]);
      expect(answerText(reply)).toBe('The tool answered: Created task Q4 Budget Review');
      expect(reply.parts.map((p) => p.type)).toEqual(['tool-call', 'tool-result', 'text']);

      const [first, second] = chatBodies();
      expect(first?.tools?.map((t) => t.function.name)).toEqual(['create_task']);
      // The history is rebuilt from the parts: the assistant's calls, then the tool's answer.
      expect(second?.messages.slice(1)).toEqual([
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: call?.callId,
              type: 'function',
              function: { name: 'create_task', arguments: JSON.stringify(q4.arguments) },
            },
          ],
        },
        { role: 'tool', tool_call_id: call?.callId, content: 'Created task Q4 Budget Review' },
      ]);
    });
  }

  it('sends live part events: streaming, then done, then the result', async () => {
    const rig = rigWith(taskProvider());
    server.setToolCalls({ flavour: 'fragments', calls: [q4] });
    const { events } = await rig.run();
    const statuses = events.flatMap((e) =>
      e.type === 'part' && e.part.type === 'tool-call' ? [e.part.status] : [],
    );
    expect(statuses[0]).toBe('streaming');
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('done');
    expect(events.some((e) => e.type === 'part' && e.part.type === 'tool-result')).toBe(true);
  });

  it('two calls in one turn both run and both answer', async () => {
    const tasks = taskProvider();
    const rig = rigWith(tasks);
    server.setToolCalls({
      flavour: 'two-calls',
      calls: [q4, { name: 'create_task', arguments: { title: 'Second' } }],
    });
    const { reply } = await rig.run();
    expect(tasks.calls.map((c) => c.args.title)).toEqual(['Q4 Budget Review', 'Second']);
    expect(results(reply.parts).map((r) => r.content)).toEqual([
      'Created task Q4 Budget Review',
      'Created task Second',
    ]);
    const second = chatBodies()[1];
    expect(second?.messages.filter((m) => m.role === 'tool')).toHaveLength(2);
  });
});

describe('calls that cannot run become results the model and the user see', () => {
  it('arguments that are not JSON', async () => {
    const tasks = taskProvider();
    const rig = rigWith(tasks);
    server.setToolCalls({ flavour: 'not-json', calls: [q4] });
    const { reply, end } = await rig.run();
    expect(end.type).toBe('finished');
    expect(tasks.calls).toHaveLength(0);
    expect(calls(reply.parts)[0]?.status).toBe('failed');
    expect(results(reply.parts)[0]).toMatchObject({
      isError: true,
      content: expect.stringMatching(/not valid JSON/),
    });
    expect(answerText(reply)).toMatch(/not valid JSON/);
  });

  it('arguments that fail the schema', async () => {
    const tasks = taskProvider();
    const rig = rigWith(tasks);
    server.setToolCalls({
      flavour: 'whole',
      calls: [{ name: 'create_task', arguments: { title: '', colour: 'red' } }],
    });
    const { reply } = await rig.run();
    expect(tasks.calls).toHaveLength(0);
    const [result] = results(reply.parts);
    expect(result?.isError).toBe(true);
    expect(result?.content).toMatch(/do not match the tool's schema/);
    expect(result?.content).toMatch(/colour/);
  });

  it('a call to an unknown tool', async () => {
    const rig = rigWith(taskProvider());
    server.setToolCalls({ flavour: 'unknown-tool' });
    const { reply, end } = await rig.run();
    expect(end.type).toBe('finished');
    expect(results(reply.parts)[0]?.content).toMatch(/no tool named "no_such_tool".*create_task/);
  });

  it('a tool that throws', async () => {
    const rig = rigWith(
      taskProvider(() => {
        throw new Error('disk on fire');
      }),
    );
    server.setToolCalls({ flavour: 'whole', calls: [q4] });
    const { reply, end } = await rig.run();
    expect(end.type).toBe('finished');
    expect(calls(reply.parts)[0]?.status).toBe('failed');
    expect(results(reply.parts)[0]).toMatchObject({
      isError: true,
      content: 'The tool failed: disk on fire',
    });
  });

  it('a tool that hangs past the timeout', async () => {
    const tasks = taskProvider(() => new Promise(() => undefined));
    const rig = rigWith(tasks);
    rig.settings = { ...rig.settings, callTimeoutSeconds: 1 };
    server.setToolCalls({ flavour: 'whole', calls: [q4] });
    const { reply, end } = await rig.run();
    expect(end.type).toBe('finished');
    expect(results(reply.parts)[0]?.content).toMatch(/did not answer within 1 s/);
    expect(tasks.calls[0]?.signal.aborted).toBe(true);
  });

  it('a 10 MB result is cut to fit the context, with a note', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const rig = rigWith(taskProvider(() => ({ content: huge, isError: false })));
    server.setToolCalls({ flavour: 'whole', calls: [q4] });
    const plan = {
      replyContext: {
        contextLength: 8192,
        budgetTokens: 6000,
        promptTokens: 100,
        estimated: true,
        omittedCount: 0,
      },
    };
    const { reply } = await rig.run({ plan });
    const [result] = results(reply.parts);
    expect(result?.cutFromChars).toBe(huge.length);
    expect(result!.content.length).toBeLessThan(20_000);
    expect(result?.content).toMatch(/Result cut to fit the context/);
    const sent = chatBodies()[1]?.messages.find((m) => m.role === 'tool');
    expect(sent?.content).toBe(result?.content);
  });
});

describe('limits and Stop', () => {
  it('stops at the round limit and says so in the reply', async () => {
    const tasks = taskProvider();
    const rig = rigWith(tasks);
    rig.settings = { ...rig.settings, maxRounds: 2 };
    server.setToolCalls({ flavour: 'whole', calls: [q4], rounds: 100 });
    const { reply, end } = await rig.run();
    expect(end.type).toBe('finished');
    expect(tasks.calls).toHaveLength(2);
    expect(chatBodies()).toHaveLength(3);
    expect(calls(reply.parts).map((c) => c.status)).toEqual(['done', 'done', 'cancelled']);
    expect(answerText(reply)).toMatch(/Stopped after 2 rounds of tool calls/);
  });

  it('Stop during a call ends it as cancelled and the reply as cancelled', async () => {
    const tasks = taskProvider(
      (_n, _a, context) =>
        new Promise((resolve) =>
          context.signal.addEventListener('abort', () => resolve({ content: 'late', isError: false })),
        ),
    );
    const rig = rigWith(tasks);
    rig.onEvent((event) => {
      if (event.type === 'part' && event.part.type === 'tool-call' && event.part.status === 'running')
        rig.controller.abort();
    });
    server.setToolCalls({ flavour: 'whole', calls: [q4] });
    const { reply, end } = await rig.run();
    expect(end.type).toBe('cancelled');
    expect(calls(reply.parts)[0]?.status).toBe('cancelled');
    expect(results(reply.parts)[0]?.content).toMatch(/stopped by the user/);
    expect(tasks.calls[0]?.signal.aborted).toBe(true);
    expect(chatBodies()).toHaveLength(1);
  });
});

describe('approval', () => {
  const echo = { name: 'echo', arguments: { message: 'hi' } };

  it('waits for the user; Deny is honoured and the model is told', async () => {
    const mcp = mcpProvider();
    const rig = rigWith(mcp);
    rig.onEvent((event) => {
      if (
        event.type === 'part' &&
        event.part.type === 'tool-call' &&
        event.part.status === 'awaiting-approval'
      )
        expect(
          rig.service.decide({ conversationId: 'conv1', replyId: 'reply1', partId: event.part.id }, 'deny'),
        ).toBe(true);
    });
    server.setToolCalls({ flavour: 'whole', calls: [echo] });
    const { reply } = await rig.run({ sources: ['srv1'] });
    expect(mcp.calls).toHaveLength(0);
    expect(calls(reply.parts)[0]?.status).toBe('denied');
    expect(answerText(reply)).toMatch(/denied/);
  });

  it('Allow once runs it and asks again next time; Always allow remembers', async () => {
    const mcp = mcpProvider();
    const rig = rigWith(mcp);
    let asked = 0;
    rig.onEvent((event) => {
      if (
        event.type === 'part' &&
        event.part.type === 'tool-call' &&
        event.part.status === 'awaiting-approval'
      ) {
        asked++;
        rig.service.decide(
          { conversationId: 'conv1', replyId: 'reply1', partId: event.part.id },
          asked === 1 ? 'once' : 'always',
        );
      }
    });
    server.setToolCalls({ flavour: 'whole', calls: [echo], rounds: 3 });
    const { reply } = await rig.run({ sources: ['srv1'] });
    expect(asked).toBe(2);
    expect(mcp.calls).toHaveLength(3);
    expect(mcp.allowed.has('echo')).toBe(true);
    expect(answerText(reply)).toBe('The tool answered: Echo: hi');
  });

  it('Stop while a call waits for approval ends it as cancelled', async () => {
    const mcp = mcpProvider();
    const rig = rigWith(mcp);
    rig.onEvent((event) => {
      if (
        event.type === 'part' &&
        event.part.type === 'tool-call' &&
        event.part.status === 'awaiting-approval'
      )
        setTimeout(() => rig.controller.abort(), 10);
    });
    server.setToolCalls({ flavour: 'whole', calls: [echo] });
    const { reply, end } = await rig.run({ sources: ['srv1'] });
    expect(end.type).toBe('cancelled');
    expect(mcp.calls).toHaveLength(0);
    expect(calls(reply.parts)[0]?.status).toBe('cancelled');
    expect(rig.service.approvals.size).toBe(0);
  });

  it('without anyone to ask (compare), a call needing approval is denied with a result saying so', async () => {
    const mcp = mcpProvider();
    const rig = rigWith(mcp);
    server.setToolCalls({ flavour: 'whole', calls: [echo] });
    const { reply } = await rig.run({ sources: ['srv1'], ask: false });
    expect(mcp.calls).toHaveLength(0);
    expect(results(reply.parts)[0]?.content).toMatch(/Compare runs without prompts/);
  });

  it('built-in task tools run without asking', async () => {
    const tasks = taskProvider();
    const rig = rigWith(tasks);
    server.setToolCalls({ flavour: 'whole', calls: [q4] });
    const { events } = await rig.run();
    expect(
      events.some(
        (e) => e.type === 'part' && e.part.type === 'tool-call' && e.part.status === 'awaiting-approval',
      ),
    ).toBe(false);
    expect(tasks.calls).toHaveLength(1);
  });
});

describe('a backend that cannot use tools', () => {
  it('llama.cpp without --jinja: tools-unsupported, worded for llama-server, offering to turn tools off', async () => {
    const llama = await startTestServer({ flavor: 'llamacpp' });
    try {
      llama.setToolCalls({ flavour: 'jinja-refusal' });
      const rig = new ToolLoopRig(llama.url, 'llamacpp');
      rig.registry.register(taskProvider());
      const { end } = await rig.run();
      expect(end.type).toBe('failed');
      if (end.type !== 'failed') return;
      expect(end.error.code).toBe('tools-unsupported');
      expect(end.error.message).toMatch(/--jinja/);
      expect(end.error.fix).toMatch(/Restart llama-server with --jinja/);
      expect(end.error.action).toEqual({ kind: 'turn-off-tools', conversationId: 'conv1' });
    } finally {
      await llama.close();
    }
  });

  it('a 400 naming tools: tools-unsupported with the adapter’s fix', async () => {
    server.setToolCalls({ flavour: 'refusal-400' });
    const rig = rigWith(taskProvider());
    const { end } = await rig.run();
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.error.code).toBe('tools-unsupported');
    expect(end.error.fix).toMatch(/ollama show/);
    expect(end.error.action).toEqual({ kind: 'turn-off-tools', conversationId: 'conv1' });
  });

  it('without tools the same server answers as usual', async () => {
    server.setToolCalls({ flavour: 'refusal-400' });
    const rig = rigWith(taskProvider());
    const { end } = await rig.run({ sources: [] });
    expect(end.type).toBe('finished');
    expect(chatBodies()[0]?.tools).toBeUndefined();
  });
});
