import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/conversation';
import { textParts } from '../../shared/domain/message-content';
import type { ReasoningPart } from '../../shared/domain/message-parts';
import { ReasoningBlock } from '../../renderer/src/components/transcript/ReasoningBlock';
import { replySegments } from '../../renderer/src/components/transcript/reply-segments';
import {
  formatThinkingTime,
  reasoningHeading,
  reasoningState,
  reasoningToggleName,
  thoughtFor,
} from '../../renderer/src/format/reasoning';
import {
  finishReasonText,
  formatDuration,
  formatRate,
  hasReplyDetails,
  replyDetailRows,
  timingDescription,
  timingParts,
} from '../../renderer/src/format/reply-metrics';

const reply = (extra: Partial<Message> = {}): Message => ({
  id: 'r1',
  role: 'assistant',
  parts: textParts('hi'),
  createdAt: 1,
  status: 'complete',
  ...extra,
});

describe('reply details formatting', () => {
  it('reads durations as people say them', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(849.6)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(14_400)).toBe('14 s');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(Number.NaN)).toBe('');
  });

  it('gives slow rates a decimal and fast ones none', () => {
    expect(formatRate(7.46)).toBe('7.5 tok/s');
    expect(formatRate(38.4)).toBe('38 tok/s');
  });

  it('shows total time then rate under a finished reply, and nothing without metrics', () => {
    const metrics = {
      requestedAt: 0,
      firstTokenAt: 300,
      finishedAt: 1200,
      ttftMs: 300,
      totalMs: 1200,
      tokensPerSecond: 38.2,
      retries: 0,
      usageEstimated: false,
    };
    expect(timingParts(reply({ metrics }))).toEqual(['1.2 s', '38 tok/s']);
    expect(timingDescription(reply({ metrics }))).toBe('took 1.2 s, first token after 300 ms, 38 tok/s');
    // A one-token reply has no rate: it is left out, not shown as zero.
    const { tokensPerSecond: _rate, ...noRate } = metrics;
    expect(timingParts(reply({ metrics: noRate }))).toEqual(['1.2 s']);
    expect(timingParts(reply())).toEqual([]);
  });

  it('explains finish reasons and says when none was reported', () => {
    expect(finishReasonText('length')).toBe('length (cut off at the token limit)');
    expect(finishReasonText(undefined)).toBe('not reported');
    expect(finishReasonText('eos')).toBe('eos');
  });

  it('offers details only when something was recorded', () => {
    expect(hasReplyDetails(reply())).toBe(false);
    expect(hasReplyDetails(reply({ responseId: 'chatcmpl-1' }))).toBe(true);
    expect(hasReplyDetails(reply({ usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } }))).toBe(
      true,
    );
  });
});

const thought = (extra: Partial<ReasoningPart> = {}): ReasoningPart => ({
  type: 'reasoning',
  id: 'r',
  text: 'Let me see.',
  ...extra,
});

describe('reasoning figures in the details', () => {
  const metrics = {
    requestedAt: 0,
    firstTokenAt: 200,
    firstReasoningAt: 200,
    firstAnswerAt: 12_600,
    finishedAt: 14_000,
    ttftMs: 200,
    ttfrMs: 200,
    ttfaMs: 12_600,
    totalMs: 14_000,
    retries: 0,
    usageEstimated: true,
  };

  it('gives a reply that reasoned its time to first reasoning and first answer token, and the reasoning tokens reported', () => {
    const rows = new Map(
      replyDetailRows(
        reply({
          parts: [thought({ durationMs: 12_400 }), ...textParts('Four.', 't2')],
          metrics,
          usage: { promptTokens: 10, completionTokens: 300, totalTokens: 310, reasoningTokens: 280 },
        }),
      ),
    );
    expect(rows.get('Time to first reasoning token')).toBe('200 ms');
    expect(rows.get('Time to first answer token')).toBe('13 s');
    // Counted by the server, so not marked estimated even when the other counts are.
    expect(rows.get('Reasoning tokens')).toBe('280');
    expect(rows.get('Completion tokens')).toBe('300 (estimated)');
    expect(timingDescription(reply({ metrics }))).toBe(
      'took 14 s, first token after 200 ms, answer after 13 s',
    );
  });

  it('says a reasoning-only reply had no answer, and leaves the reasoning rows out of a plain reply', () => {
    const { ttfaMs: _a, firstAnswerAt: _b, ...noAnswer } = metrics;
    const rows = new Map(
      replyDetailRows(reply({ parts: [thought({ incomplete: true })], metrics: noAnswer })),
    );
    expect(rows.get('Time to first answer token')).toBe('no answer');
    expect(rows.has('Reasoning tokens')).toBe(false);
    const plain = replyDetailRows(
      reply({ metrics: { requestedAt: 0, ttftMs: 300, retries: 0, usageEstimated: false } }),
    );
    expect(plain.map(([term]) => term)).not.toContain('Time to first reasoning token');
    expect(plain.map(([term]) => term)).not.toContain('Time to first answer token');
  });
});

describe('the Thinking block', () => {
  it('is thinking only while the reply streams and the reasoning is its last part, not yet closed', () => {
    expect(reasoningState(thought(), { streaming: true, isLast: true })).toBe('thinking');
    // The answer started: a text part follows.
    expect(reasoningState(thought(), { streaming: true, isLast: false })).toBe('done');
    // Main closed it with its duration (the answer's first token is on its way).
    expect(reasoningState(thought({ durationMs: 900 }), { streaming: true, isLast: true })).toBe('done');
    expect(reasoningState(thought(), { streaming: false, isLast: true })).toBe('done');
    expect(reasoningState(thought({ incomplete: true }), { streaming: false, isLast: true })).toBe('stopped');
  });

  it('folds to how long the model thought, in whole seconds, and a moment under one', () => {
    expect(thoughtFor(12_400)).toBe('Thought for 12 s');
    expect(thoughtFor(999)).toBe('Thought for a moment');
    expect(thoughtFor(125_000)).toBe('Thought for 2 min 5 s');
    expect(thoughtFor(undefined)).toBe('Thought before answering');
    expect(reasoningHeading(thought(), 'thinking')).toBe('Thinking…');
    expect(reasoningHeading(thought({ incomplete: true }), 'stopped')).toBe(
      'The model stopped while thinking',
    );
    expect(reasoningHeading(thought({ durationMs: 3_000 }), 'done')).toBe('Thought for 3 s');
  });

  it('counts the running time up in whole seconds', () => {
    expect(formatThinkingTime(0)).toBe('0 s');
    expect(formatThinkingTime(1_999)).toBe('1 s');
    expect(formatThinkingTime(-50)).toBe('0 s');
    expect(formatThinkingTime(60_000)).toBe('1 min');
  });

  it('names its button by what it is and what pressing it does; live, only "Thinking…"', () => {
    expect(reasoningToggleName('Thought for 12 s', 'done', false)).toBe('Thought for 12 s, show reasoning');
    expect(reasoningToggleName('Thought for 12 s', 'done', true)).toBe('Thought for 12 s, hide reasoning');
    expect(reasoningToggleName('Thinking…', 'thinking', true)).toBe('Thinking…');
  });
});

describe('the Thinking block as rendered', () => {
  const render = (part: ReasoningPart, state: 'thinking' | 'done' | 'stopped') =>
    renderToStaticMarkup(createElement(ReasoningBlock, { part, state, since: Date.now() - 3_000 }));

  it('while thinking: open, the thought shown, the button named "Thinking…" and controlling it, nothing live', () => {
    const html = render(thought({ text: 'Step one, then step two.' }), 'thinking');
    expect(html).toMatch(/role="group" aria-label="Reasoning"/);
    expect(html).toMatch(/<button type="button" class="reasoning-toggle" aria-expanded="true"/);
    expect(html).toContain('aria-label="Thinking…"');
    const controls = /aria-controls="([^"]+)"/.exec(html)?.[1];
    expect(controls).toBeTruthy();
    expect(html).toContain(`id="${controls}" class="reasoning-text">Step one, then step two.</div>`);
    expect(html).toMatch(/class="reasoning-time">[23] s</);
    // Not announced per token: no live region inside.
    expect(html).not.toMatch(/aria-live|role="status"|role="log"/);
  });

  it('once answered: folded to how long it thought, the thought not in the page until asked for', () => {
    const html = render(thought({ text: 'Hidden musing', durationMs: 12_000 }), 'done');
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('aria-label="Thought for 12 s, show reasoning"');
    expect(html).not.toContain('Hidden musing');
    expect(html).not.toContain('aria-controls');
    expect(html).not.toContain('reasoning-time');
  });

  it('cut off: says the model stopped while thinking', () => {
    const html = render(thought({ incomplete: true }), 'stopped');
    expect(html).toContain('aria-label="The model stopped while thinking, show reasoning"');
    expect(html).toContain('data-state="stopped"');
  });
});

describe('a reply shown by its parts', () => {
  it('keeps reasoning apart and reads adjacent text parts as one markdown text (a continued reply)', () => {
    const segments = replySegments([
      thought({ id: 'r1', durationMs: 2_000 }),
      ...textParts('You said: Cut this', 't1'),
      ...textParts(' THE END.', 't2'),
    ]);
    expect(segments).toEqual([
      { kind: 'reasoning', part: thought({ id: 'r1', durationMs: 2_000 }), isLast: false },
      { kind: 'text', key: 't1', text: 'You said: Cut this THE END.', isLast: true },
    ]);
    // While thinking the reasoning is the last segment; nothing else is there yet.
    expect(replySegments([thought()])).toEqual([{ kind: 'reasoning', part: thought(), isLast: true }]);
    expect(replySegments([])).toEqual([]);
  });
});
