/**
 * Tool calls in the test server, in each backend's streaming style (see docs/tools.md): the
 * scripted model calls a tool while the conversation has had fewer than `rounds` rounds of calls
 * since the user's last message, and answers with text (quoting the last tool result) once it has.
 *
 *   server.setToolCalls({ flavour: 'fragments', calls: [{ name: 'create_task', arguments: { title: 'Q4' } }] });
 */

export const TOOL_CALL_FLAVOURS = [
  /** Ollama: each call whole in one chunk (id, index, name, complete arguments). */
  'whole',
  /** llama.cpp: id, type and name first, then the arguments in fragments, keyed by index. */
  'fragments',
  /** LiteLLM: the id repeated on every fragment, then a final chunk with the whole arguments again (no id, no name). */
  'litellm-repeat',
  /** No id at all (the client must make one). */
  'missing-id',
  /** Two calls in one turn (the first two of `calls`, or the first one twice). */
  'two-calls',
  /** Arguments that are not JSON. */
  'not-json',
  /** A call to a tool that was not offered. */
  'unknown-tool',
  /** llama-server without --jinja: HTTP 500 "tools param requires --jinja flag". */
  'jinja-refusal',
  /** A server or model refusing tools with HTTP 400 (Ollama's wording). */
  'refusal-400',
] as const;
export type ToolCallFlavour = (typeof TOOL_CALL_FLAVOURS)[number];

export interface ScriptedCall {
  name: string;
  arguments: unknown;
}

export interface ToolScript {
  flavour: ToolCallFlavour;
  /** Default: the first tool of the request, with `{}`. */
  calls?: ScriptedCall[];
  /** Rounds of calls before the model answers with text (default 1; a large number tests the round limit). */
  rounds?: number;
  /** The answer once the calls are done; default: "The tool answered: <last tool result>". */
  answer?: (lastToolResult: string) => string;
}

/** What the scripted model does with one request. */
export type ToolTurn =
  | { kind: 'refuse'; status: number; message: string }
  | { kind: 'calls'; deltas: Record<string, unknown>[] }
  | { kind: 'answer'; text: string };

interface RawMessage {
  role?: unknown;
  content?: unknown;
  tool_calls?: unknown;
}

/** Undefined: the request is answered as usual (no script, or no tools were offered). */
export function toolTurn(script: ToolScript | undefined, body: unknown): ToolTurn | undefined {
  if (!script || !body || typeof body !== 'object') return undefined;
  const { tools, messages } = body as { tools?: unknown; messages?: unknown };
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  if (script.flavour === 'jinja-refusal')
    return { kind: 'refuse', status: 500, message: 'tools param requires --jinja flag' };
  if (script.flavour === 'refusal-400')
    return {
      kind: 'refuse',
      status: 400,
      message: 'registry.ollama.ai/library/gemma:2b does not support tools',
    };
  const list = Array.isArray(messages) ? (messages as RawMessage[]) : [];
  const lastUser = list.map((m) => m?.role).lastIndexOf('user');
  const since = list.slice(lastUser + 1);
  const roundsDone = since.filter((m) => m?.role === 'assistant' && Array.isArray(m.tool_calls)).length;
  if (roundsDone < (script.rounds ?? 1)) {
    const firstTool = (tools[0] as { function?: { name?: unknown } })?.function?.name;
    const calls = script.calls ?? [
      { name: typeof firstTool === 'string' ? firstTool : 'tool', arguments: {} },
    ];
    return { kind: 'calls', deltas: callDeltas(script.flavour, calls, roundsDone) };
  }
  const lastTool = since.findLast((m) => m?.role === 'tool');
  const result = typeof lastTool?.content === 'string' ? lastTool.content : '';
  return { kind: 'answer', text: script.answer ? script.answer(result) : `The tool answered: ${result}` };
}

/** The `delta` of each chunk that carries the calls, in the flavour's style. */
export function callDeltas(
  flavour: ToolCallFlavour,
  calls: readonly ScriptedCall[],
  round = 0,
): Record<string, unknown>[] {
  const first = calls[0] ?? { name: 'tool', arguments: {} };
  const id = (i: number) => `call_r${round}_${i}`;
  const json = (c: ScriptedCall) => JSON.stringify(c.arguments);
  const wrap = (toolCalls: unknown[]) => ({ role: 'assistant', content: null, tool_calls: toolCalls });
  const whole = (c: ScriptedCall, i: number, args = json(c)) => ({
    index: i,
    id: id(i),
    type: 'function',
    function: { name: c.name, arguments: args },
  });
  switch (flavour) {
    case 'whole':
      return calls.map((c, i) => wrap([whole(c, i)]));
    case 'two-calls': {
      const second = calls[1] ?? first;
      return [wrap([whole(first, 0), whole(second, 1)])];
    }
    case 'not-json':
      return [wrap([whole(first, 0, '{"title": "unterminated')])];
    case 'unknown-tool':
      return [wrap([whole({ name: 'no_such_tool', arguments: {} }, 0)])];
    case 'missing-id':
      return [
        { tool_calls: [{ index: 0, type: 'function', function: { name: first.name, arguments: '' } }] },
        ...fragments(json(first)).map((piece) => ({
          tool_calls: [{ index: 0, function: { arguments: piece } }],
        })),
      ];
    case 'fragments':
      return calls.flatMap((c, i) => [
        {
          tool_calls: [{ index: i, id: id(i), type: 'function', function: { name: c.name, arguments: '' } }],
        },
        ...fragments(json(c)).map((piece) => ({
          tool_calls: [{ index: i, function: { arguments: piece } }],
        })),
      ]);
    case 'litellm-repeat':
      return calls.flatMap((c, i) => [
        {
          tool_calls: [{ index: i, id: id(i), type: 'function', function: { name: c.name, arguments: '' } }],
        },
        ...fragments(json(c)).map((piece) => ({
          tool_calls: [{ index: i, id: id(i), type: 'function', function: { arguments: piece } }],
        })),
        // The duplicate final chunk: the whole arguments again, without id or name.
        { tool_calls: [{ index: i, function: { arguments: json(c) } }] },
      ]);
    default:
      return [];
  }
}

/** JSON text in pieces of a few characters, as llama-server streams it. */
function fragments(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 4) out.push(text.slice(i, i + 4));
  return out;
}
