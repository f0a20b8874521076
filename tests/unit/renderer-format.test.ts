import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../renderer/src/bridge/reconnect-delay';
import type { CompareCell } from '../../shared/domain/compare';
import { backendHost, isLocalBackend } from '../../renderer/src/format/backend-host';
import { pairReasoningFigures, promptCells, runReasoned } from '../../renderer/src/format/compare-reasoning';
import { relativeTime } from '../../renderer/src/format/relative-time';
import { retryLabel, secondsLeft } from '../../renderer/src/format/retry-countdown';
import { usageLabel } from '../../renderer/src/format/usage';

describe('retry countdown', () => {
  it('counts whole seconds down, rounding up, never below zero', () => {
    expect(secondsLeft(5_000, 1_000)).toBe(4);
    expect(secondsLeft(5_000, 1_001)).toBe(4);
    expect(secondsLeft(5_000, 4_500)).toBe(1);
    expect(secondsLeft(5_000, 9_000)).toBe(0);
  });

  it('says which attempt and how long', () => {
    expect(retryLabel(2, 3, 4)).toBe('Retrying 2/3 in 4 s');
    expect(retryLabel(2, 3, 0)).toBe('Retrying 2/3…');
    expect(retryLabel(undefined, undefined, undefined)).toBe('Retrying…');
  });
});

describe('relative time', () => {
  const now = new Date(2025, 5, 18, 15, 0).getTime();
  it('is compact', () => {
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h');
    expect(relativeTime(new Date(2025, 5, 17, 9, 0).getTime(), now)).toBe('Yesterday');
    expect(relativeTime(now + 60_000, now)).toBe('just now');
  });
});

describe('small formats', () => {
  it('backend host and locality', () => {
    expect(backendHost('http://127.0.0.1:11434/v1')).toBe('127.0.0.1:11434');
    expect(isLocalBackend('http://localhost:4000')).toBe(true);
    expect(isLocalBackend('http://[::1]:8080/v1')).toBe(true);
    expect(isLocalBackend('https://api.openai.com/v1')).toBe(false);
    expect(backendHost('not a url')).toBe('not a url');
  });

  it('usage', () => {
    expect(usageLabel({ promptTokens: 12, completionTokens: 340, totalTokens: 352 })).toMatch(
      /^12 → 340 tokens$/,
    );
  });

  it('reconnect backoff grows and is capped', () => {
    const half = () => 0.5;
    expect(reconnectDelayMs(0, half)).toBe(500);
    expect(reconnectDelayMs(1, half)).toBe(1000);
    expect(reconnectDelayMs(10, half)).toBe(10_000);
  });
});

describe('compare reasoning figures', () => {
  const cell = (promptIndex: number, pairIndex: number, extra: Partial<CompareCell> = {}): CompareCell => ({
    promptIndex,
    pairIndex,
    status: 'complete',
    text: 'ok',
    ...extra,
  });
  const metrics = (ttfrMs: number, ttfaMs: number) => ({
    requestedAt: 0,
    ttfrMs,
    ttfaMs,
    retries: 0,
    usageEstimated: false,
  });

  it('shows TTFR and TTFA only for a run where some answer reasoned', () => {
    expect(runReasoned({ cells: [cell(0, 0), cell(0, 1)] })).toBe(false);
    const reasoning = { type: 'reasoning' as const, id: 'r', text: 'hmm', durationMs: 800 };
    expect(runReasoned({ cells: [cell(0, 0), cell(0, 1, { reasoning })] })).toBe(true);
    expect(runReasoned({ cells: [cell(0, 0, { metrics: metrics(100, 900) })] })).toBe(true);
  });

  it('takes median time to first reasoning and answer token over completed answers only', () => {
    const cells = [
      cell(0, 0, { metrics: metrics(100, 1_000) }),
      cell(1, 0, { metrics: metrics(300, 3_000) }),
      cell(2, 0, { status: 'failed', metrics: metrics(9_000, 90_000) }),
      cell(0, 1),
    ];
    const figures = pairReasoningFigures({ cells }, 0);
    expect(figures.ttfrMs).toMatchObject({ n: 2, median: 200 });
    expect(figures.ttfaMs).toMatchObject({ n: 2, median: 2_000 });
    expect(pairReasoningFigures({ cells }, 1).ttfrMs.n).toBe(0);
    expect(promptCells({ cells }, 0).map((c) => c?.pairIndex)).toEqual([0, 1]);
  });
});
