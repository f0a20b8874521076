import { describe, expect, it } from 'vitest';
import { replyMetricsSchema } from '../../shared/domain/reply-metrics';
import { computeMetrics } from '../../shared/domain/compute-metrics';

/** The one place the arithmetic lives: durations and rate from fixed timestamps. */
describe('computeMetrics', () => {
  const requestedAt = 1_000_000;

  it('derives TTFT, total time and tokens/s from the timestamps', () => {
    const metrics = computeMetrics({
      requestedAt,
      firstTokenAt: requestedAt + 250,
      finishedAt: requestedAt + 2_250,
      completionTokens: 101,
      retries: 0,
      usageEstimated: false,
    });
    expect(metrics).toEqual({
      requestedAt,
      firstTokenAt: requestedAt + 250,
      finishedAt: requestedAt + 2_250,
      ttftMs: 250,
      totalMs: 2_250,
      // The first token's time is in the TTFT: 100 tokens after it, over 2 s.
      tokensPerSecond: 50,
      retries: 0,
      usageEstimated: false,
    });
    expect(replyMetricsSchema.parse(metrics)).toEqual(metrics);
  });

  it('gives a one-token reply no rate (not zero, not infinity)', () => {
    const metrics = computeMetrics({
      requestedAt,
      firstTokenAt: requestedAt + 10,
      finishedAt: requestedAt + 20,
      completionTokens: 1,
      retries: 0,
      usageEstimated: false,
    });
    expect(metrics.ttftMs).toBe(10);
    expect(metrics.totalMs).toBe(20);
    expect(metrics).not.toHaveProperty('tokensPerSecond');
  });

  it('gives no rate when the tokens arrived in the same instant as the first', () => {
    const metrics = computeMetrics({
      requestedAt,
      firstTokenAt: requestedAt + 5,
      finishedAt: requestedAt + 5,
      completionTokens: 40,
      retries: 0,
      usageEstimated: true,
    });
    expect(metrics).not.toHaveProperty('tokensPerSecond');
    expect(metrics.usageEstimated).toBe(true);
  });

  it('without a first token (failed before any text) has a total time and no TTFT or rate', () => {
    const metrics = computeMetrics({
      requestedAt,
      finishedAt: requestedAt + 30,
      retries: 2,
      usageEstimated: false,
    });
    expect(metrics).toEqual({
      requestedAt,
      finishedAt: requestedAt + 30,
      totalMs: 30,
      retries: 2,
      usageEstimated: false,
    });
  });

  it('without usage there is no rate, but the timings stay', () => {
    const metrics = computeMetrics({
      requestedAt,
      firstTokenAt: requestedAt + 100,
      finishedAt: requestedAt + 900,
      retries: 0,
      usageEstimated: false,
    });
    expect(metrics.ttftMs).toBe(100);
    expect(metrics.totalMs).toBe(900);
    expect(metrics).not.toHaveProperty('tokensPerSecond');
  });

  it('with only the request time (still waiting) has no durations', () => {
    expect(computeMetrics({ requestedAt, retries: 0, usageEstimated: false })).toEqual({
      requestedAt,
      retries: 0,
      usageEstimated: false,
    });
  });

  it('never reports a negative duration when clocks disagree by a hair', () => {
    const metrics = computeMetrics({
      requestedAt,
      firstTokenAt: requestedAt - 0.4,
      finishedAt: requestedAt - 0.2,
      retries: 0,
      usageEstimated: false,
    });
    expect(metrics.ttftMs).toBe(0);
    expect(metrics.totalMs).toBe(0);
  });

  it('times the first reasoning and the first answer token apart; the rate counts both from the first token', () => {
    const metrics = computeMetrics({
      requestedAt,
      firstTokenAt: requestedAt + 200,
      firstReasoningAt: requestedAt + 200,
      firstAnswerAt: requestedAt + 3_200,
      finishedAt: requestedAt + 4_200,
      completionTokens: 201,
      retries: 0,
      usageEstimated: false,
    });
    expect(metrics).toMatchObject({
      ttftMs: 200,
      ttfrMs: 200,
      ttfaMs: 3_200,
      totalMs: 4_200,
      tokensPerSecond: 50,
    });
    expect(replyMetricsSchema.parse(metrics)).toEqual(metrics);
  });

  it('a reply with no reasoning has no time to first reasoning token', () => {
    const metrics = computeMetrics({
      requestedAt,
      firstTokenAt: requestedAt + 50,
      firstAnswerAt: requestedAt + 50,
      retries: 0,
      usageEstimated: false,
    });
    expect(metrics.ttfaMs).toBe(50);
    expect(metrics).not.toHaveProperty('ttfrMs');
  });
});
