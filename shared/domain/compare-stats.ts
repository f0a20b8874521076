import type { CellStatus, CompareCell, CompareRun } from './compare';

/**
 * The numbers of a compare run, as the results table and both exports show them. Pure, so the
 * renderer and the exports compute (and format) every figure the same way, character for character.
 */

/** One prompt × pair, as a table row shows it. */
export interface CellFigures {
  pairIndex: number;
  label: string;
  status: CellStatus;
  ttftMs?: number;
  totalMs?: number;
  tokensPerSecond?: number;
  completionTokens?: number;
  /** The token counts are our tokenizer's estimate (the server reported no usage). */
  usageEstimated: boolean;
  finishReason?: string;
  /** The user-facing cause, for a cell that failed, was cut off or was cancelled with a reason. */
  error?: string;
}

export interface PromptFigures {
  promptIndex: number;
  prompt: string;
  cells: CellFigures[];
}

/** Mean and median over the values that exist; `n` says how many there were. */
export interface Stat {
  n: number;
  mean?: number;
  median?: number;
}

export interface PairFigures {
  pairIndex: number;
  label: string;
  /** Answers that finished (`complete`); only these enter the statistics. */
  completed: number;
  /** Answers that failed or were cut off (`failed`, `incomplete`). */
  failed: number;
  /** Answers cancelled or never run. */
  cancelled: number;
  /** Some completed answer's token counts (so its rate) are our estimate: the figures get a `~`. */
  usageEstimated: boolean;
  ttftMs: Stat;
  totalMs: Stat;
  tokensPerSecond: Stat;
  completionTokens: Stat;
}

/**
 * A pair against the baseline (the run's first pair): Δ = pair median − baseline median, ratio =
 * pair median ÷ baseline median. Absent when either side has no value (or the baseline's is 0).
 */
export interface PairDifference {
  pairIndex: number;
  label: string;
  ttftDeltaMs?: number;
  ttftRatio?: number;
  tokensPerSecondDelta?: number;
  tokensPerSecondRatio?: number;
}

export interface RunFigures {
  prompts: PromptFigures[];
  overall: PairFigures[];
  /** Always the first pair: the user orders the pairs, so "B vs A" reads as they chose it. */
  baselinePairIndex: number;
  /** One per pair after the baseline. */
  differences: PairDifference[];
}

export const ESTIMATE_NOTE =
  '~ marks figures computed from token counts estimated with our tokenizer (the server reported no usage).';

export const DIFFERENCE_DEFINITION =
  'Δ is the pair’s median minus the baseline’s; ratio is the pair’s median divided by the baseline’s. ' +
  'Medians are over completed answers only. Lower TTFT and higher tokens/s are better.';

export function summariseRun(run: CompareRun): RunFigures {
  const cellAt = new Map(run.cells.map((c) => [`${c.promptIndex}:${c.pairIndex}`, c]));
  const prompts: PromptFigures[] = run.prompts.map((prompt, promptIndex) => ({
    promptIndex,
    prompt,
    cells: run.pairs.map((pair, pairIndex) =>
      cellFigures(cellAt.get(`${promptIndex}:${pairIndex}`), pairIndex, pair.label),
    ),
  }));
  const overall = run.pairs.map((pair, pairIndex): PairFigures => {
    const cells = prompts.map((p) => p.cells[pairIndex]!);
    const done = cells.filter((c) => c.status === 'complete');
    return {
      pairIndex,
      label: pair.label,
      completed: done.length,
      failed: cells.filter((c) => c.status === 'failed' || c.status === 'incomplete').length,
      cancelled: cells.filter((c) => c.status === 'cancelled' || c.status === 'pending').length,
      usageEstimated: done.some((c) => c.usageEstimated),
      ttftMs: stat(done.map((c) => c.ttftMs)),
      totalMs: stat(done.map((c) => c.totalMs)),
      tokensPerSecond: stat(done.map((c) => c.tokensPerSecond)),
      completionTokens: stat(done.map((c) => c.completionTokens)),
    };
  });
  const baseline = overall[0];
  const differences = baseline
    ? overall.slice(1).map((pair): PairDifference => {
        const d: PairDifference = { pairIndex: pair.pairIndex, label: pair.label };
        const ttft = compare(pair.ttftMs.median, baseline.ttftMs.median);
        const tps = compare(pair.tokensPerSecond.median, baseline.tokensPerSecond.median);
        if (ttft.delta !== undefined) d.ttftDeltaMs = ttft.delta;
        if (ttft.ratio !== undefined) d.ttftRatio = ttft.ratio;
        if (tps.delta !== undefined) d.tokensPerSecondDelta = tps.delta;
        if (tps.ratio !== undefined) d.tokensPerSecondRatio = tps.ratio;
        return d;
      })
    : [];
  return { prompts, overall, baselinePairIndex: 0, differences };
}

function cellFigures(cell: CompareCell | undefined, pairIndex: number, label: string): CellFigures {
  const figures: CellFigures = {
    pairIndex,
    label,
    status: cell?.status ?? 'pending',
    usageEstimated: cell?.metrics?.usageEstimated ?? false,
  };
  if (!cell) return figures;
  const { metrics } = cell;
  if (metrics?.ttftMs !== undefined) figures.ttftMs = metrics.ttftMs;
  if (metrics?.totalMs !== undefined) figures.totalMs = metrics.totalMs;
  if (metrics?.tokensPerSecond !== undefined) figures.tokensPerSecond = metrics.tokensPerSecond;
  if (cell.usage) figures.completionTokens = cell.usage.completionTokens;
  if (cell.finishReason !== undefined) figures.finishReason = cell.finishReason;
  if (cell.error) figures.error = cell.error.message;
  return figures;
}

function compare(value: number | undefined, base: number | undefined): { delta?: number; ratio?: number } {
  if (value === undefined || base === undefined) return {};
  return base > 0 ? { delta: value - base, ratio: value / base } : { delta: value - base };
}

export function stat(values: readonly (number | undefined)[]): Stat {
  const present = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (present.length === 0) return { n: 0 };
  return { n: present.length, mean: mean(present), median: median(present) };
}

export function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The middle value; with an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// --- Formatting: the one spelling of every figure (UI table, Markdown, CSV) ---------------------

/** Shown where a figure does not exist (the CSV writes an empty field instead). */
export const MISSING = '—';

const known = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** Whole milliseconds, no unit (the column header says "ms"): `1234`. */
export function formatMs(ms: number | undefined): string {
  return known(ms) ? String(Math.round(ms) || 0) : MISSING;
}

/** Tokens per second with one decimal: `42.3`; `~42.3` when the token count was estimated. */
export function formatRate(tps: number | undefined, estimated = false): string {
  return known(tps) ? `${estimated ? '~' : ''}${fixed(tps, 1)}` : MISSING;
}

/** A count: whole numbers as they are, means with one decimal; `~` marks our estimate. */
export function formatCount(n: number | undefined, estimated = false): string {
  if (!known(n)) return MISSING;
  return `${estimated ? '~' : ''}${Number.isInteger(n) ? String(n) : fixed(n, 1)}`;
}

/** A signed difference in whole ms: `+12`, `-12`, `0`. */
export function formatDeltaMs(ms: number | undefined): string {
  return known(ms) ? signed(Math.round(ms), String(Math.abs(Math.round(ms)))) : MISSING;
}

/** A signed difference in tokens/s, one decimal: `+3.4`, `-3.4`, `0.0`. */
export function formatDeltaRate(tps: number | undefined): string {
  if (!known(tps)) return MISSING;
  const text = fixed(Math.abs(tps), 1);
  return signed(Number(text) === 0 ? 0 : tps, text);
}

/** A ratio with two decimals: `1.25×`. */
export function formatRatio(ratio: number | undefined): string {
  return known(ratio) ? `${fixed(ratio, 2)}×` : MISSING;
}

const STATUS_LABELS: Record<CellStatus, string> = {
  pending: 'not run',
  streaming: 'running',
  complete: 'ok',
  incomplete: 'cut off',
  cancelled: 'cancelled',
  failed: 'failed',
};

export function formatStatus(status: CellStatus): string {
  return STATUS_LABELS[status];
}

/** `toFixed` without a negative zero (`-0.0`). */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

function signed(value: number, magnitude: string): string {
  return value > 0 ? `+${magnitude}` : value < 0 ? `-${magnitude}` : magnitude;
}
