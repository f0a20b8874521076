import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/conversation';
import {
  finishReasonText,
  formatDuration,
  formatRate,
  hasReplyDetails,
  timingDescription,
  timingParts,
} from '../../renderer/src/format/reply-metrics';

const reply = (extra: Partial<Message> = {}): Message => ({
  id: 'r1',
  role: 'assistant',
  content: 'hi',
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
