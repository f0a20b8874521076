import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ToolCallAssembler, type AssembledCall } from '../../electron/services/tools/call-assembly';
import { callDeltas, type ScriptedCall, type ToolCallFlavour } from '../support/tool-call-flavours';

/** Feeds each chunk's `delta.tool_calls` to an assembler, as the stream does. */
function assemble(deltas: Record<string, unknown>[]): AssembledCall[] {
  let n = 0;
  const assembler = new ToolCallAssembler(() => `made_${++n}`);
  for (const delta of deltas) assembler.add(delta.tool_calls);
  return assembler.calls();
}

const create: ScriptedCall = {
  name: 'create_task',
  arguments: { title: 'Q4 Budget Review', priority: 'high' },
};
const list: ScriptedCall = { name: 'list_tasks', arguments: { status: 'open' } };

describe('tool calls assembled from each backend style', () => {
  const one = (flavour: ToolCallFlavour) => assemble(callDeltas(flavour, [create]));

  it('Ollama: a whole call in one chunk', () => {
    expect(one('whole')).toEqual([
      { index: 0, callId: 'call_r0_0', name: 'create_task', arguments: JSON.stringify(create.arguments) },
    ]);
  });

  it('llama.cpp: id and name first, the arguments in fragments', () => {
    const deltas = callDeltas('fragments', [create]);
    expect(deltas.length).toBeGreaterThan(3);
    expect(one('fragments')).toEqual(one('whole'));
  });

  it('LiteLLM: the id on every fragment and a duplicate final chunk do not double the JSON', () => {
    const [call] = one('litellm-repeat');
    expect(call?.arguments).toBe(JSON.stringify(create.arguments));
    expect(JSON.parse(call!.arguments)).toEqual(create.arguments);
    expect(call?.callId).toBe('call_r0_0');
    expect(call?.name).toBe('create_task');
  });

  it('a call without an id gets one', () => {
    const [call] = one('missing-id');
    expect(call?.callId).toBe('made_1');
    expect(call?.name).toBe('create_task');
    expect(JSON.parse(call!.arguments)).toEqual(create.arguments);
  });

  it('two calls in one turn are both kept, in order', () => {
    const calls = assemble(callDeltas('two-calls', [create, list]));
    expect(calls.map((c) => [c.index, c.name])).toEqual([
      [0, 'create_task'],
      [1, 'list_tasks'],
    ]);
    expect(calls.map((c) => c.callId)).toEqual(['call_r0_0', 'call_r0_1']);
  });

  it('two calls streamed one after another by fragments stay apart', () => {
    const calls = assemble(callDeltas('fragments', [create, list]));
    expect(calls.map((c) => JSON.parse(c.arguments))).toEqual([create.arguments, list.arguments]);
  });

  it('arguments that are not JSON are kept as sent', () => {
    expect(one('not-json')[0]?.arguments).toBe('{"title": "unterminated');
  });

  it('a server that gives every call index 0 but its own id still yields two calls', () => {
    const calls = assemble([
      { tool_calls: [{ index: 0, id: 'a', function: { name: 'x', arguments: '{}' } }] },
      { tool_calls: [{ index: 0, id: 'b', function: { name: 'y', arguments: '{}' } }] },
    ]);
    expect(calls.map((c) => [c.callId, c.name])).toEqual([
      ['a', 'x'],
      ['b', 'y'],
    ]);
  });

  it('ignores hostile fragments without crashing', () => {
    const assembler = new ToolCallAssembler();
    expect(assembler.add('nope')).toEqual([]);
    expect(assembler.add([null, 3, { index: -1, function: { name: 5, arguments: {} } }])).toHaveLength(1);
  });

  it('property: however the arguments are split into fragments, the result is the same', () => {
    const json = fc.jsonValue().map((v) => JSON.stringify({ value: v }));
    fc.assert(
      fc.property(
        json,
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 40 }),
        (text, sizes) => {
          const pieces: string[] = [];
          for (let at = 0, i = 0; at < text.length; i++) {
            const size = sizes[i % sizes.length]!;
            pieces.push(text.slice(at, at + size));
            at += size;
          }
          const deltas = [
            {
              tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 't', arguments: '' } }],
            },
            ...pieces.map((p) => ({ tool_calls: [{ index: 0, function: { arguments: p } }] })),
          ];
          const calls = assemble(deltas);
          expect(calls).toHaveLength(1);
          expect(calls[0]?.arguments).toBe(text);
          // LiteLLM's duplicate final chunk changes nothing either.
          const repeated = assemble([
            ...deltas,
            { tool_calls: [{ index: 0, function: { arguments: text } }] },
          ]);
          expect(repeated[0]?.arguments).toBe(text);
        },
      ),
      { numRuns: 200 },
    );
  });
});
