import { describe, expect, it } from 'vitest';
import { appendDelta, answerText, reasoningText, upsertPart } from '../../shared/domain/message-content';
import type { MessagePart } from '../../shared/domain/message-parts';
import {
  mergedReasoning,
  noAnswer,
  ReplyParts,
  type ReplyPartEvent,
} from '../../electron/services/streaming/reply-parts';
import type { ReplyDelta } from '../../electron/services/streaming/stream-reply';

/**
 * The reply assembler on its own: part ids, the events it asks for, and the one property that
 * matters most: a window folding those events (with the same shared functions) ends with exactly
 * the parts main saved.
 */

const text = (t: string): ReplyDelta => ({ kind: 'text', text: t });
const thought = (t: string): ReplyDelta => ({ kind: 'reasoning', text: t });
const retag: ReplyDelta = { kind: 'retag' };

/** Feeds deltas at t = 1000, 1010, …; returns the parts, the events, and the time of the end. */
function assemble(deltas: ReplyDelta[], initial: MessagePart[] = []) {
  const parts = structuredClone(initial);
  const assembler = new ReplyParts(parts);
  const events: ReplyPartEvent[] = [];
  let at = 1000;
  for (const delta of deltas) events.push(...assembler.apply(delta, (at += 10)));
  const inReasoning = assembler.inReasoning;
  events.push(...assembler.end((at += 10)));
  return { parts, events, inReasoning };
}

/** What a window does with the events (the renderer and the live registry use the same two functions). */
function fold(initial: MessagePart[], events: ReplyPartEvent[]): MessagePart[] {
  const parts = structuredClone(initial);
  for (const event of events) {
    if (event.type === 'delta') appendDelta(parts, event);
    else upsertPart(parts, structuredClone(event.part));
  }
  return parts;
}

describe('ReplyParts', () => {
  it('reasoning then answer: r1 closes with its duration when the answer starts, then t1 grows', () => {
    const { parts, events } = assemble([thought('Let me '), thought('think.'), text('Paris'), text('.')]);
    expect(parts).toEqual([
      { type: 'reasoning', id: 'r1', text: 'Let me think.', startedAt: 1010, durationMs: 20 },
      { type: 'text', id: 't1', text: 'Paris.' },
    ]);
    expect(events.map((e) => (e.type === 'delta' ? `${e.partId}+${e.text}` : `part:${e.part.id}`))).toEqual([
      'r1+Let me ',
      'r1+think.',
      'part:r1',
      't1+Paris',
      't1+.',
    ]);
    const closed = events.find((e) => e.type === 'part');
    expect(closed?.type === 'part' && closed.part).toMatchObject({ durationMs: 20 });
    expect(closed?.type === 'part' && 'incomplete' in closed.part).toBe(false);
  });

  it('a plain answer is one text part and nothing but deltas', () => {
    const { parts, events } = assemble([text('Hello'), text(' there')]);
    expect(parts).toEqual([{ type: 'text', id: 't1', text: 'Hello there' }]);
    expect(events.every((e) => e.type === 'delta' && e.kind === 'text')).toBe(true);
  });

  it('retag: the text so far becomes a closed reasoning part under its id, and the answer is t2', () => {
    const { parts, events } = assemble([text('Hmm, the user '), text('asks.'), retag, text('Hi!')]);
    expect(parts).toEqual([
      { type: 'reasoning', id: 't1', text: 'Hmm, the user asks.', startedAt: 1010, durationMs: 20 },
      { type: 'text', id: 't2', text: 'Hi!' },
    ]);
    expect(events[2]).toEqual({ type: 'part', part: parts[0] });
    expect(answerText({ parts })).toBe('Hi!');
  });

  it('a stream that ends while thinking closes the reasoning as incomplete', () => {
    const { parts, events, inReasoning } = assemble([thought('Step one. '), thought('Step two.')]);
    expect(inReasoning).toBe(true);
    expect(parts).toEqual([
      {
        type: 'reasoning',
        id: 'r1',
        text: 'Step one. Step two.',
        startedAt: 1010,
        durationMs: 20,
        incomplete: true,
      },
    ]);
    expect(events.at(-1)).toEqual({ type: 'part', part: parts[0] });
  });

  it('a continued reply keeps its parts untouched and appends new ones with fresh ids', () => {
    const before: MessagePart[] = [
      { type: 'reasoning', id: 'r1', text: 'Earlier thought.', startedAt: 1, durationMs: 5 },
      { type: 'text', id: 't1', text: 'The first half' },
    ];
    const { parts, events } = assemble([text(' and the rest.')], before);
    expect(parts.slice(0, 2)).toEqual(before);
    expect(parts[2]).toEqual({ type: 'text', id: 't2', text: ' and the rest.' });
    expect(answerText({ parts })).toBe('The first half and the rest.');
    // A retag in the continuation touches only this stream's text.
    const again = assemble([text('oops'), retag, text('Fine.')], before);
    expect(again.parts.slice(0, 2)).toEqual(before);
    expect(again.parts.slice(2).map((p) => [p.type, p.id])).toEqual([
      ['reasoning', 't2'],
      ['text', 't3'],
    ]);
    expect(fold(before, events)).toEqual(parts);
  });

  it('the answer’s leading spaces and blank lines go, up to its first visible character only', () => {
    const { parts, events } = assemble([
      thought('Hm.'),
      text(' '),
      text('\n\n'),
      text('  Paris'),
      text(' is big.'),
    ]);
    expect(parts[1]).toEqual({ type: 'text', id: 't1', text: 'Paris is big.' });
    expect(events.filter((e) => e.type === 'delta' && e.kind === 'text').length).toBe(2);
    expect(fold([], events)).toEqual(parts);
    const code = assemble([text('\n```sh\n'), text('  indented\n```')]).parts;
    expect(code).toEqual([{ type: 'text', id: 't1', text: '```sh\n  indented\n```' }]);
  });

  it('a retag with no text of this stream, and empty deltas, change nothing', () => {
    const { parts, events } = assemble([retag, text(''), thought('')]);
    expect(parts).toEqual([]);
    expect(events).toEqual([]);
  });

  it('folding the events reproduces the parts exactly, whatever the order of deltas (random streams)', () => {
    let seed = 12;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const words = ['a', 'bc', ' ', 'déf', '🚀', '\n', '</think>'];
    for (let run = 0; run < 300; run++) {
      const deltas: ReplyDelta[] = [];
      for (let i = random(15); i >= 0; i--) {
        const r = random(10);
        const word = words[random(words.length)]!;
        deltas.push(r < 4 ? thought(word) : r < 9 ? text(word) : retag);
      }
      const initial: MessagePart[] = random(3) === 0 ? [{ type: 'text', id: 't1', text: 'so far' }] : [];
      const { parts, events } = assemble(deltas, initial);
      expect(fold(initial, events)).toEqual(parts);
      // Ids are unique, and no visible text is lost or duplicated (the answer's leading whitespace goes).
      expect(new Set(parts.map((p) => p.id)).size).toBe(parts.length);
      const visible = (t: string) => t.replace(/\s/g, '').length;
      const all = deltas.map((d) => ('text' in d ? d.text : '')).join('');
      expect(visible(answerText({ parts })) + visible(reasoningText({ parts }))).toBe(
        visible(all) + (initial[0]?.type === 'text' ? visible(initial[0].text) : 0),
      );
    }
  });
});

describe('noAnswer and mergedReasoning', () => {
  it('says the model stopped while thinking, and points at max tokens when that was the cause', () => {
    expect(noAnswer(true, 'length')).toMatchObject({
      code: 'incomplete',
      message: expect.stringMatching(/stopped while it was still thinking/),
      fix: expect.stringMatching(/max tokens/i),
      retryable: true,
    });
    expect(noAnswer(false, 'stop').message).toMatch(/gave no answer/);
  });

  it('joins every reasoning part into one, timed from the first', () => {
    const parts: MessagePart[] = [
      { type: 'reasoning', id: 'r1', text: 'one ', startedAt: 10, durationMs: 5 },
      { type: 'text', id: 't1', text: 'answer' },
      { type: 'reasoning', id: 'r2', text: 'two', startedAt: 30, durationMs: 7, incomplete: true },
    ];
    expect(mergedReasoning(parts)).toEqual({
      type: 'reasoning',
      id: 'r1',
      text: 'one two',
      startedAt: 10,
      durationMs: 12,
      incomplete: true,
    });
    expect(mergedReasoning([{ type: 'text', id: 't1', text: 'x' }])).toBeUndefined();
  });
});
