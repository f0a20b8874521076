import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReplyDelta } from '../../electron/services/streaming/reply-delta';
import { ReasoningExtractor } from '../../electron/services/streaming/reasoning/reasoning-extractor';
import { reasoningFieldText } from '../../electron/services/streaming/reasoning/reasoning-fields';
import { ThinkTagSplitter } from '../../electron/services/streaming/reasoning/think-tag-splitter';

/** What a caller ends up with: the pieces applied in order, a retag turning the answer into reasoning. */
function outcome(pieces: readonly ReplyDelta[]): { text: string; reasoning: string } {
  let text = '';
  let reasoning = '';
  for (const piece of pieces) {
    if (piece.kind === 'retag') {
      reasoning += text;
      text = '';
    } else if (piece.kind === 'text') text += piece.text;
    else if (piece.kind === 'reasoning') reasoning += piece.text;
  }
  return { text, reasoning };
}

function split(chunks: readonly string[]): { pieces: ReplyDelta[]; insideTag: boolean } {
  const splitter = new ThinkTagSplitter();
  const pieces = chunks.flatMap((chunk) => splitter.push(chunk));
  pieces.push(...splitter.end());
  return { pieces, insideTag: splitter.insideTag };
}

/** Cuts `text` at the given offsets (any order, repeats allowed). */
function chunked(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

describe('ThinkTagSplitter', () => {
  it('takes a <think> block at the start as reasoning and trims the whitespace after it', () => {
    const { pieces, insideTag } = split(['\n <think>\nLet me see.', '</think>\n\nThe answer.']);
    expect(pieces).toEqual([
      { kind: 'reasoning', text: 'Let me see.' },
      { kind: 'text', text: 'The answer.' },
    ]);
    expect(insideTag).toBe(false);
  });

  it('reads <thinking> and <thought> as well, each closed by its own tag', () => {
    expect(outcome(split(['<thinking>a</think>b</thinking> c']).pieces)).toEqual({
      reasoning: 'a</think>b',
      text: 'c',
    });
    expect(outcome(split(['<thought>hm</thought>ok']).pieces)).toEqual({ reasoning: 'hm', text: 'ok' });
  });

  it('finds a tag split over chunks and holds back only what could be a tag', () => {
    const splitter = new ThinkTagSplitter();
    expect(splitter.push('<thi')).toEqual([]);
    expect(splitter.push('nk>Plan: add')).toEqual([{ kind: 'reasoning', text: 'Plan: add' }]);
    // "</th" could close the tag: held; everything before it flows out at once.
    expect(splitter.push(' them </th')).toEqual([{ kind: 'reasoning', text: ' them ' }]);
    expect(splitter.push('ink> 4')).toEqual([{ kind: 'text', text: '4' }]);
    expect(splitter.end()).toEqual([]);
  });

  it('retags the answer so far when only the closing tag arrives (opened by the chat template)', () => {
    const splitter = new ThinkTagSplitter();
    expect(splitter.push('Okay, the user')).toEqual([{ kind: 'text', text: 'Okay, the user' }]);
    expect(splitter.push(' greets me.</think>\n\nHello!')).toEqual([
      { kind: 'text', text: ' greets me.' },
      { kind: 'retag' },
      { kind: 'text', text: 'Hello!' },
    ]);
  });

  it('keeps a literal <think> after the start as text, and a later closing tag too', () => {
    const { pieces } = split(['Use the ', '<think> tag; close it with </think>.']);
    expect(outcome(pieces)).toEqual({ text: 'Use the <think> tag; close it with </think>.', reasoning: '' });
    expect(pieces.some((p) => p.kind !== 'text')).toBe(false);
  });

  it('lets text that only looks like a tag start through at the end', () => {
    expect(outcome(split(['<thi']).pieces)).toEqual({ text: '<thi', reasoning: '' });
    expect(outcome(split(['a < b and a </']).pieces)).toEqual({ text: 'a < b and a </', reasoning: '' });
  });

  it('says when the content ends inside the tag, keeping the reasoning', () => {
    const { pieces, insideTag } = split(['<think>still thinking </thi']);
    expect(outcome(pieces)).toEqual({ reasoning: 'still thinking </thi', text: '' });
    expect(insideTag).toBe(true);
  });

  it('gives the same text and reasoning however the content is chunked', () => {
    const word = fc.constantFrom(
      '<think>',
      '</think>',
      '<thinking>',
      '</thinking>',
      '<thought>',
      '</thought>',
      '<',
      '</',
      '<th',
      ' ',
      '\n',
      'a',
      'é',
      '🚀',
      'plain words',
    );
    const content = fc.array(word, { maxLength: 12 }).map((words) => words.join(''));
    fc.assert(
      fc.property(content, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        const whole = split([text]);
        const pieces = split(chunked(text, cuts));
        expect(outcome(pieces.pieces)).toEqual(outcome(whole.pieces));
        expect(pieces.insideTag).toBe(whole.insideTag);
        // Nothing is lost or made up: only tags and whitespace after a tag are taken out.
        const { text: answer, reasoning } = outcome(whole.pieces);
        expect(text.length).toBeGreaterThanOrEqual(answer.length + reasoning.length);
      }),
      { numRuns: 500 },
    );
  });

  it('holds back nothing from content without "<"', () => {
    fc.assert(
      fc.property(fc.array(fc.string().filter((s) => !s.includes('<') && s.trim() !== '')), (chunks) => {
        const splitter = new ThinkTagSplitter();
        let sent = '';
        chunks.forEach((chunk, index) => {
          sent += outcome(splitter.push(chunk)).text;
          expect(sent).toBe(chunks.slice(0, index + 1).join(''));
        });
      }),
    );
  });
});

describe('reasoning fields', () => {
  it('reads reasoning_content, reasoning and thinking; ignores non-strings; one name when a server sends two', () => {
    expect(reasoningFieldText({ reasoning_content: 'a' })).toBe('a');
    expect(reasoningFieldText({ reasoning: 'b', content: '' })).toBe('b');
    expect(reasoningFieldText({ thinking: 'c' })).toBe('c');
    expect(reasoningFieldText({ reasoning: { summary: 'x' }, thinking: 42 })).toBe('');
    expect(reasoningFieldText({ reasoning_content: 'same', reasoning: 'same' })).toBe('same');
    expect(reasoningFieldText(null)).toBe('');
  });

  it('the extractor puts a delta’s reasoning field before its content and knows when the reply ended thinking', () => {
    const extractor = new ReasoningExtractor();
    expect(extractor.read({ reasoning: 'hmm', content: null })).toEqual([{ kind: 'reasoning', text: 'hmm' }]);
    expect(extractor.endedInReasoning).toBe(true);
    expect(extractor.read({ reasoning: '.', content: 'Hi' })).toEqual([
      { kind: 'reasoning', text: '.' },
      { kind: 'text', text: 'Hi' },
    ]);
    expect(extractor.endedInReasoning).toBe(false);
    expect(extractor.finish()).toEqual([]);
  });
});
