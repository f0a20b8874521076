import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CompareCell, CompareRun, CompareStreamEvent } from '../../../shared/domain/compare';
import type { UserError } from '../../../shared/domain/errors';
import { computeMetrics } from '../../../shared/domain/compute-metrics';
import { answerText, hasAnyText } from '../../../shared/domain/message-content';
import type { MessagePart } from '../../../shared/domain/message-parts';
import { AppError } from '../app-error';
import { describeFailure, offlineError } from '../backends/describe-failure';
import type { BackendTarget } from '../backends/backend-target';
import type { ResolvedProfile } from '../profiles/profile-service';
import type { RetryPolicy } from '../streaming/retry-delay';
import { mergedReasoning, noAnswer, ReplyParts } from '../streaming/reply-parts';
import { streamReply, type StreamedReply, type StreamTimings } from '../streaming/stream-reply';
import { toolRoundMessages } from '../tools/tool-history';
import { resultRoomChars } from '../tools/tool-result-fit';
import type { ToolSession } from '../tools/tool-service';

/** What a cell needs from the app: profiles with their keys, SDK clients, the network state. */
export interface CompareBackends {
  /** Names for validation and labels (no keys). */
  list(): { id: string; name: string }[];
  /** The profile with its key; throws an AppError when it is gone or its key cannot be read. */
  resolve(id: string): Promise<ResolvedProfile>;
  client(target: BackendTarget): OpenAI;
  isOnline(): boolean;
}

/** `Omit` over each member of a union, so the result stays a union. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A compare stream event before the run numbers it (`seq` is per run, added by the service). */
export type UnnumberedCompareEvent = OmitEach<CompareStreamEvent, 'seq'>;

export interface CellContext {
  run: CompareRun;
  cell: CompareCell;
  signal: AbortSignal;
  backends: CompareBackends;
  timings: StreamTimings;
  retry: RetryPolicy;
  clock: () => number;
  emit: (event: UnnumberedCompareEvent) => void;
  /**
   * The run offers tools (off by default: compare measures speed). Calls that would ask first are
   * denied with a result saying so: nobody is asked in compare.
   */
  tools?: ToolSession;
}

/**
 * One prompt sent to one pair: the run's system prompt and parameters (the same for every pair,
 * never the profile's own), streamed by the shared engine (`streamReply`). Every failure ends up in the cell
 * (the run goes on); this never throws. Emits `cell-started` and `cell-delta`; the caller reports
 * the end. The cell's `text` is the answer alone and its reasoning is kept apart (`reasoning`),
 * assembled like a chat reply's parts (`ReplyParts`). Compare's stream has no whole-part event, so
 * text found to be reasoning only when its closing tag arrived (a retag) shows as such once the
 * cell finishes.
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
  const parts: MessagePart[] = [];
  const { tools } = ctx;
  const assembler = new ReplyParts(parts, tools?.describe);
  const settle = () => {
    cell.text = answerText({ parts });
    const reasoning = mergedReasoning(parts);
    if (reasoning) cell.reasoning = reasoning;
  };
  const effort = profile.params.reasoningEffort;
  let streamed: StreamedReply;
  let history = messages;
  for (let round = 1; ; round++) {
    streamed = await streamReply({
      client: ctx.backends.client(target),
      // The run's parameters for every pair; the reasoning effort is the pair's profile's, if set.
      request: {
        model: pair.model,
        messages: history,
        ...run.params,
        ...(effort ? { reasoningEffort: effort } : {}),
        ...(tools ? { tools: tools.definitions } : {}),
      },
      signal: ctx.signal,
      timings: ctx.timings,
      retry: ctx.retry,
      failure: { ...target, model: pair.model },
      clock: ctx.clock,
      onDelta: (delta) => {
        for (const event of assembler.apply(delta, ctx.clock())) {
          if (event.type === 'delta') {
            // Kept current cheaply while streaming (a running run is readable with `compare.get`).
            if (event.kind === 'text') cell.text += event.text;
            else if (cell.reasoning) cell.reasoning.text += event.text;
            else settle();
            emit({ type: 'cell-delta', runId, promptIndex, pairIndex, kind: event.kind, text: event.text });
          } else settle();
        }
      },
    });
    const calls = assembler.roundCalls;
    if (!tools || streamed.outcome.kind !== 'finished' || calls.length === 0 || round > tools.maxRounds)
      break;
    assembler.end(ctx.clock());
    await tools.run({
      conversationId: `compare:${runId}`,
      replyId: `${promptIndex}:${pairIndex}`,
      calls,
      signal: ctx.signal,
      maxResultChars: resultRoomChars(Infinity, calls.length),
      newResultId: () => assembler.newResultId(),
      put: (part) => void assembler.put(part),
    });
    if (ctx.signal.aborted) break;
    history = [...messages, ...toolRoundMessages(parts)];
  }
  const { stream, usage, metrics } = streamed;
  // Stopped while a tool ran: the last stream itself had finished.
  const outcome = ctx.signal.aborted ? { kind: 'cancelled' as const } : streamed.outcome;
  const endedInReasoning = streamed.endedInReasoning === true || assembler.inReasoning;
  assembler.end(ctx.clock());
  settle();

  if (stream.model) cell.model = stream.model;
  if (stream.responseId) cell.responseId = stream.responseId;
  if (usage) cell.usage = usage;
  cell.metrics = metrics;
  if (outcome.kind === 'finished') {
    cell.finishReason = outcome.finishReason;
    if (cell.text.length === 0 && hasAnyText({ parts })) {
      // Reasoning alone is not an answer: kept, and the cell says why it has none.
      cell.status = 'incomplete';
      cell.error = noAnswer(endedInReasoning, outcome.finishReason);
    } else cell.status = 'complete';
  } else if (outcome.kind === 'cancelled') {
    cell.status = 'cancelled';
  } else {
    cell.status = hasAnyText({ parts }) ? 'incomplete' : 'failed';
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
