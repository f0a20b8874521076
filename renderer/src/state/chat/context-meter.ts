import type { ContextReport, ReplyContext } from '../../../../shared/domain/context-budget';

/**
 * The context meter's figures and words. It shows either a preview (`chat.context`: what the next
 * request would hold, draft included) or, while a request is on its way or just ended, what that
 * request held (`started.context`, then the finished reply's `context` with the server's count).
 */
export interface MeterFigures {
  contextLength: number;
  budgetTokens: number;
  promptTokens: number;
  estimated: boolean;
  overBudget: boolean;
  /** Messages left out (of the preview, or of the request). */
  omittedCount: number;
  /** Where the context length came from (previews only). */
  sourceDetail?: string;
  reservedForReply?: number;
  basis: 'preview' | 'request';
}

export function figuresFromReport(report: ContextReport): MeterFigures {
  return {
    contextLength: report.contextLength,
    budgetTokens: report.budgetTokens,
    promptTokens: report.promptTokens,
    estimated: report.estimated,
    overBudget: report.overBudget,
    omittedCount: report.omittedIds.length,
    sourceDetail: report.sourceDetail,
    reservedForReply: report.reservedForReply,
    basis: 'preview',
  };
}

export function figuresFromReply(context: ReplyContext): MeterFigures {
  return {
    contextLength: context.contextLength,
    budgetTokens: context.budgetTokens,
    promptTokens: context.promptTokens,
    estimated: context.estimated,
    overBudget: context.overBudget === true || context.promptTokens > context.budgetTokens,
    omittedCount: context.omittedCount,
    reservedForReply: context.contextLength - context.budgetTokens,
    basis: 'request',
  };
}

/** A preview, stamped with the last request's context as it was when the preview was asked for. */
export interface StampedPreview {
  figures: MeterFigures;
  stamp: ReplyContext | undefined;
}

/**
 * The preview while no request started since it was asked for; else what the newest request held
 * (shown at once, until a fresh preview arrives).
 */
export function shownFigures(
  preview: StampedPreview | undefined,
  lastRequest: ReplyContext | undefined,
): MeterFigures | undefined {
  if (preview && preview.stamp === lastRequest) return preview.figures;
  if (lastRequest) return figuresFromReply(lastRequest);
  return preview?.figures;
}

const n = new Intl.NumberFormat('en-US');

export function percentUsed(figures: Pick<MeterFigures, 'promptTokens' | 'contextLength'>): number {
  return Math.round((100 * figures.promptTokens) / Math.max(1, figures.contextLength));
}

/** "1,234 / 8,192 tokens (15%)", and "· estimated" when it is our tokenizer's count. */
export function meterLabel(figures: MeterFigures): string {
  const base = `${n.format(figures.promptTokens)} / ${n.format(figures.contextLength)} tokens (${percentUsed(figures)}%)`;
  return figures.estimated ? `${base} · estimated` : base;
}

/** ok below 75% of the budget, high up to the budget, over beyond it. */
export function meterLevel(figures: MeterFigures): 'ok' | 'high' | 'over' {
  if (figures.overBudget || figures.promptTokens > figures.budgetTokens) return 'over';
  return figures.promptTokens >= 0.75 * figures.budgetTokens ? 'high' : 'ok';
}

/** The tooltip: where the length came from, the room kept for the reply, what the figure counts. */
export function meterDetail(figures: MeterFigures): string {
  const parts = [
    figures.basis === 'preview'
      ? 'What the next request would hold, including what you are typing.'
      : 'What the last request held.',
    figures.sourceDetail,
    figures.reservedForReply !== undefined
      ? `${n.format(figures.reservedForReply)} tokens are kept for the reply, so the history may use ${n.format(figures.budgetTokens)}.`
      : undefined,
    figures.estimated
      ? 'Counted with our tokenizer (calibrated by the server’s counts once it reports them).'
      : 'Counted by the server.',
  ];
  return parts.filter(Boolean).join(' ');
}

/** Said under the meter when the prompt does not fit: it goes anyway, and the backend may cut it. */
export function overBudgetWarning(figures: MeterFigures): string | undefined {
  if (meterLevel(figures) !== 'over') return undefined;
  return figures.basis === 'preview'
    ? 'Over budget: the system prompt and this message alone do not fit the context. They will be sent anyway; the backend may cut them or refuse.'
    : 'Over budget: the last request did not fit the context, even with older turns left out.';
}

/** "3 earlier messages won't be sent" (preview) / "3 earlier messages were not sent" (request). */
export function omittedSummary(figures: MeterFigures): string | undefined {
  const k = figures.omittedCount;
  if (k === 0) return undefined;
  const what = k === 1 ? '1 earlier message' : `${n.format(k)} earlier messages`;
  return figures.basis === 'preview' ? `${what} won’t fit and will be left out` : `${what} left out`;
}
