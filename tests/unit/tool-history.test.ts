import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/conversation';
import type { MessagePart, ToolCallPart } from '../../shared/domain/message-parts';
import { ContextPlanner } from '../../electron/services/chat/context-planner';
import { planRequest } from '../../electron/services/chat/turn-preparation';
import type { ResolvedProfile } from '../../electron/services/profiles/profile-service';
import { toolRoundMessages } from '../../electron/services/tools/tool-history';
import { fitResult, resultRoomChars } from '../../electron/services/tools/tool-result-fit';
import { modelWithoutTools, toolsRefusal } from '../../electron/services/tools/tools-unsupported';
import { userError } from '../../shared/domain/errors';

/** Requests rebuilt from a reply's tool parts, counted and trimmed as one unit; results cut to fit; refusals worded. */

const call = (n: number, status: 'done' | 'cancelled' | 'denied' = 'done'): ToolCallPart => ({
  type: 'tool-call',
  id: `call${n}`,
  callId: `c${n}`,
  name: 'create_task',
  arguments: `{"title":"T${n}"}`,
  status,
});
const result = (n: number, content = `ok ${n}`): MessagePart => ({
  type: 'tool-result',
  id: `result${n}`,
  callId: `c${n}`,
  name: 'create_task',
  content,
  isError: false,
});
const text = (id: string, t: string): MessagePart => ({ type: 'text', id, text: t });

describe('a reply with tool parts, as the request sends it', () => {
  it('each round is an assistant message with its calls, then one tool message per call', () => {
    const parts: MessagePart[] = [
      { type: 'reasoning', id: 'r1', text: 'thinking' },
      text('t1', 'Let me do that.'),
      call(1),
      call(2),
      result(1),
      result(2),
      call(3),
      result(3),
      text('t2', 'Done.'),
    ];
    expect(toolRoundMessages(parts)).toEqual([
      {
        role: 'assistant',
        content: 'Let me do that.',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'create_task', arguments: '{"title":"T1"}' } },
          { id: 'c2', type: 'function', function: { name: 'create_task', arguments: '{"title":"T2"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'ok 1' },
      { role: 'tool', tool_call_id: 'c2', content: 'ok 2' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c3', type: 'function', function: { name: 'create_task', arguments: '{"title":"T3"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c3', content: 'ok 3' },
      { role: 'assistant', content: 'Done.' },
    ]);
  });

  it('never a call without its answer, nor an answer without its call', () => {
    const messages = toolRoundMessages([call(1, 'cancelled'), result(9), { ...call(2), arguments: '{bad' }]);
    expect(messages.filter((m) => m.role === 'tool').map((m) => [m.tool_call_id, m.content])).toEqual([
      ['c1', 'This call was not run (the reply was stopped).'],
      ['c2', 'This call was not run (the reply was stopped).'],
    ]);
    // Invalid arguments go back as an empty object: servers parse them.
    const sent = messages[0] as { tool_calls?: { function: { arguments: string } }[] };
    expect(sent.tool_calls?.[1]?.function.arguments).toBe('{}');
  });
});

describe('history with tool rounds, fitted to the context', () => {
  const profile = {
    id: 'p',
    name: 'P',
    kind: 'openai',
    baseUrl: 'http://127.0.0.1:1/v1',
    params: { maxTokens: 100 },
    hasApiKey: false,
    apiKeySource: 'none',
    location: 'local',
  } as ResolvedProfile;
  const planner = (contextLength: number) =>
    new ContextPlanner({
      lengths: { of: () => Promise.resolve({ contextLength, source: 'default', detail: '' }) },
    });
  const msg = (id: string, role: Message['role'], parts: MessagePart[]): Message => ({
    id,
    role,
    parts,
    createdAt: 0,
    status: 'complete',
  });
  const big = 'y'.repeat(4_000);
  const history = [
    msg('u1', 'user', [text('t1', 'make tasks')]),
    msg('a1', 'assistant', [call(1), result(1, big), text('t2', 'Made it.')]),
    msg('u2', 'user', [text('t1', 'thanks')]),
  ];

  it('sends the rounds rebuilt from parts, and counts their tokens', async () => {
    const plan = await planRequest(planner(100_000), {
      profile,
      model: 'm',
      messages: history,
      continuingText: undefined,
    });
    expect(plan.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
    // The 4,000-character result counts: well over what the text alone would.
    expect(plan.replyContext?.promptTokens).toBeGreaterThan(800);
  });

  it('trims a round of calls and results as one unit, never a tool message alone', async () => {
    const plan = await planRequest(planner(700), {
      profile,
      model: 'm',
      messages: history,
      continuingText: undefined,
    });
    expect(plan.messages.map((m) => m.role)).toEqual(['user']);
    expect(plan.replyContext?.omittedCount).toBe(2);
  });

  it('Continue of a reply that used tools sends its rounds, then the continue prompt', async () => {
    const parts = [call(1), result(1), text('t1', 'Half an ans')];
    const plan = await planRequest(planner(100_000), {
      profile,
      model: 'm',
      messages: history.slice(0, 1),
      continuingText: 'Half an ans',
      continuingParts: parts,
    });
    expect(plan.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
    expect(plan.messages[3]).toEqual({ role: 'assistant', content: 'Half an ans' });
  });
});

describe('tool results cut to fit', () => {
  it('a 10 MB result is cut with a visible note, short ones are untouched', () => {
    const huge = 'z'.repeat(10 * 1024 * 1024);
    const room = resultRoomChars(5_000, 1);
    const cut = fitResult(huge, room);
    expect(cut.cutFromChars).toBe(huge.length);
    expect(cut.content.length).toBeLessThan(room + 200);
    expect(cut.content).toMatch(/Result cut to fit the context: 15,000 of 10,485,760 characters were sent/);
    expect(fitResult('short', room)).toEqual({ content: 'short' });
  });

  it('keeps a floor when the context looks full, and shares the room between calls', () => {
    expect(resultRoomChars(-50, 1)).toBe(2_000);
    expect(resultRoomChars(10_000, 2)).toBe(15_000);
  });
});

describe('tools-unsupported, worded by the backend', () => {
  it('an Ollama model without the tools capability', () => {
    const error = modelWithoutTools(
      { baseUrl: 'http://127.0.0.1:11434/v1', kind: 'ollama', model: 'gemma:2b' },
      'c1',
    );
    expect(error).toMatchObject({
      code: 'tools-unsupported',
      message: 'The model gemma:2b cannot use tools.',
      action: { kind: 'turn-off-tools', conversationId: 'c1' },
    });
    expect(error.fix).toMatch(/ollama show/);
  });

  it('llama-server without --jinja, whatever the profile kind', () => {
    const failure = userError('server-error', 'x', 'y', {
      detail: 'HTTP 500: tools param requires --jinja flag',
    });
    const error = toolsRefusal(failure, { baseUrl: 'http://127.0.0.1:9999/v1', kind: 'custom' }, 'c1');
    expect(error.code).toBe('tools-unsupported');
    expect(error.fix).toMatch(/--jinja/);
  });

  it('a 400 naming tools on a generic server; other failures unchanged', () => {
    const refused = userError('bad-request', 'x', 'y', { detail: 'HTTP 400: tool_choice is not supported' });
    expect(toolsRefusal(refused, { baseUrl: 'http://127.0.0.1:4000/v1', kind: 'vllm' }, 'c1').fix).toMatch(
      /Choose a model that supports tool calling/,
    );
    const other = userError('auth', 'x', 'y', { detail: 'HTTP 401: bad key' });
    expect(toolsRefusal(other, { baseUrl: 'http://x/v1' }, 'c1')).toBe(other);
  });
});
