import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CompareCell, CompareRun, CompareStreamEvent } from '../../../shared/domain/compare';
import type { UserError } from '../../../shared/domain/errors';
import { computeMetrics } from '../../../shared/domain/compute-metrics';
import { AppError } from '../app-error';
import { describeFailure, offlineError } from '../backends/describe-failure';
import type { BackendTarget } from '../backends/backend-target';
import type { ResolvedProfile } from '../profiles/profile-service';
import type { RetryPolicy } from '../streaming/retry-delay';
import { streamReply, type StreamTimings } from '../streaming/stream-reply';

/** What a cell needs from the app: profiles with their keys, SDK clients, the network state. */
export interface CompareBackends {
  /** Names for validation and labels (no keys). */
  list(): { id: string; name: string }[];
  /** The profile with its key; throws an AppError when it is gone or its key cannot be read. */
  resolve(id: string): Promise<ResolvedProfile>;
  client(target: BackendTarget): OpenAI;
  isOnline(): boolean;
}

export interface CellContext {
  run: CompareRun;
  cell: CompareCell;
  signal: AbortSignal;
  backends: CompareBackends;
  timings: StreamTimings;
  retry: RetryPolicy;
  clock: () => number;
  emit: (event: CompareStreamEvent) => void;
}

/**
 * One prompt sent to one pair: the run's system prompt and parameters (the same for every pair,
 * never the profile's own), streamed by the shared engine (`streamReply`). Every failure ends up in the cell
 * (the run goes on); this never throws. Emits `cell-started` and `cell-delta`; the caller reports
 * the end.
 */
export async function runCell(ctx: CellContext): Promise<void> {
  const { run, cell, emit } = ctx;
  const { promptIndex, pairIndex } = cell;
  const pair = run.pairs[pairIndex]!;
  const runId = run.id;
  cell.status = 'streaming';
  emit({ type: 'cell-started', runId, promptIndex, pairIndex });
  const startedAt = ctx.clock();
  const messages: ChatCompletionMessageParam[] = [
    ...(run.systemPrompt?.trim() ? [{ role: 'system' as const, content: run.systemPrompt }] : []),
    { role: 'user', content: run.prompts[promptIndex]! },
  ];

  let profile: ResolvedProfile;
  try {
    profile = await ctx.backends.resolve(pair.profileId);
  } catch (error) {
    const failure =
      error instanceof AppError
        ? error.userError
        : describeFailure(error, { baseUrl: '', model: pair.model });
    return failBeforeRequest(ctx, startedAt, failure);
  }
  if (profile.location === 'cloud' && !ctx.backends.isOnline())
    return failBeforeRequest(ctx, startedAt, offlineError(profile.baseUrl));

  const target: BackendTarget = {
    baseUrl: profile.baseUrl,
    kind: profile.kind,
    profileId: profile.id,
    ...(profile.apiKey ? { apiKey: profile.apiKey } : {}),
  };
  const { outcome, stream, usage, metrics } = await streamReply({
    client: ctx.backends.client(target),
    request: { model: pair.model, messages, ...run.params },
    signal: ctx.signal,
    timings: ctx.timings,
    retry: ctx.retry,
    failure: { ...target, model: pair.model },
    clock: ctx.clock,
    onText: (text) => {
      cell.text += text;
    },
    onDelta: ({ text }) => emit({ type: 'cell-delta', runId, promptIndex, pairIndex, text }),
  });

  if (stream.model) cell.model = stream.model;
  if (stream.responseId) cell.responseId = stream.responseId;
  if (usage) cell.usage = usage;
  cell.metrics = metrics;
  if (outcome.kind === 'finished') {
    cell.status = 'complete';
    cell.finishReason = outcome.finishReason;
  } else if (outcome.kind === 'cancelled') {
    cell.status = 'cancelled';
  } else {
    cell.status = cell.text.length > 0 ? 'incomplete' : 'failed';
    cell.error = outcome.error;
  }
}

/** No request went out (profile gone, offline): the cell fails at once, timed from when it started. */
function failBeforeRequest(ctx: CellContext, startedAt: number, error: UserError): void {
  ctx.cell.status = 'failed';
  ctx.cell.error = error;
  ctx.cell.metrics = computeMetrics({
    requestedAt: startedAt,
    finishedAt: ctx.clock(),
    retries: 0,
    usageEstimated: false,
  });
}
