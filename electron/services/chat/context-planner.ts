import {
  fitToBudget,
  replyReserve,
  type ContextMessage,
  type ContextReport,
  type ReplyContext,
} from '../../../shared/domain/context-budget';
import { answerText, textParts } from '../../../shared/domain/message-content';
import type { ContextLengths, ContextProfile } from '../backends/context-length';
import { TokenCalibration } from '../tokens/calibration';
import { MessageTokenCache } from '../tokens/message-token-cache';
import { REPLY_PRIMING_TOKENS } from '../tokens/token-estimate';

/** One message of a chat request as the SDK takes it: the answer text alone, never reasoning. */
export interface RequestMessage {
  role: ContextMessage['role'];
  content: string;
}

export interface PlanInput {
  profile: ContextProfile;
  /** Undefined when no model is chosen yet (a preview before the first request). */
  model: string | undefined;
  /** The conversation's messages, oldest first, without the reply being generated. */
  messages: readonly ContextMessage[];
  /** Sent after the history whatever the budget (the partial reply and prompt of a Continue). */
  tail?: readonly RequestMessage[];
  /** A message being typed: previewed as the newest turn, never remembered. */
  draft?: string;
}

export interface ContextPlan {
  report: ContextReport;
  /** The request's messages: system prompt first, the kept turns, then the tail. */
  messages: RequestMessage[];
  /** Our uncalibrated count of exactly those messages (what calibration compares the server's count to). */
  rawTokens: number;
  /** What is saved on the reply and sent on `started`. */
  replyContext: ReplyContext;
}

export interface ContextPlannerDeps {
  lengths: Pick<ContextLengths, 'of'>;
  calibration?: TokenCalibration;
  tokens?: MessageTokenCache;
}

const DRAFT_ID = '\u0000draft';

/**
 * Decides what a request holds: the context length of the profile's model, the room reserved for
 * the reply, our token counts (cached per message, calibrated by the server's), and the trimming
 * itself (`fitToBudget`, shared with the renderer). One instance serves chat and the context meter
 * so both see the same calibration and caches.
 */
export class ContextPlanner {
  readonly #calibration: TokenCalibration;
  readonly #tokens: MessageTokenCache;

  constructor(private readonly deps: ContextPlannerDeps) {
    this.#calibration = deps.calibration ?? new TokenCalibration();
    this.#tokens = deps.tokens ?? new MessageTokenCache();
  }

  async plan(input: PlanInput): Promise<ContextPlan> {
    const { profile, model } = input;
    const [length, count] = await Promise.all([this.deps.lengths.of(profile, model), this.#tokens.counter()]);
    const { factor, calibrated } = model
      ? this.#calibration.factor(profile.id, model)
      : { factor: 1, calibrated: false };
    const reservedForReply = replyReserve(length.contextLength, profile.params.maxTokens);
    const budgetTokens = length.contextLength - reservedForReply;
    const tail = input.tail ?? [];
    const messages: ContextMessage[] = [...input.messages];
    if (input.draft !== undefined && input.draft.trim().length > 0)
      messages.push({ id: DRAFT_ID, role: 'user', parts: textParts(input.draft), status: 'complete' });

    const fit = fitToBudget({
      messages,
      // What is sent is counted (the answer text; reasoning never goes). A draft or a reply still
      // streaming changes with every call: counted, not remembered.
      tokensOf: (m) =>
        count(
          { id: m.id, role: m.role, content: answerText(m) },
          m.id !== DRAFT_ID && m.status !== 'streaming',
        ),
      budgetTokens,
      factor,
      fixedTokens:
        REPLY_PRIMING_TOKENS + tail.reduce((sum, m, i) => sum + count({ id: `tail${i}`, ...m }, false), 0),
    });
    const real = (ids: string[]) => ids.filter((id) => id !== DRAFT_ID);
    const firstKeptId = fit.firstKeptId !== DRAFT_ID ? fit.firstKeptId : undefined;
    const report: ContextReport = {
      ...(model ? { model } : {}),
      contextLength: length.contextLength,
      source: length.source,
      sourceDetail: length.detail,
      reservedForReply,
      budgetTokens,
      promptTokens: fit.promptTokens,
      estimated: true,
      systemTokens: fit.systemTokens,
      keptIds: real(fit.keptIds),
      omittedIds: fit.omittedIds,
      ...(firstKeptId ? { firstKeptId } : {}),
      calibration: factor,
      calibrated,
      overBudget: fit.overBudget,
    };
    const replyContext: ReplyContext = {
      contextLength: length.contextLength,
      budgetTokens,
      promptTokens: fit.promptTokens,
      estimated: true,
      omittedCount: fit.omittedIds.length,
      ...(firstKeptId ? { firstKeptId } : {}),
      ...(fit.overBudget ? { overBudget: true } : {}),
    };
    return {
      report,
      messages: [
        ...fit.send.map((m) => ({ role: m.role, content: answerText(m) })),
        ...tail.map((m) => ({ ...m })),
      ],
      rawTokens: fit.rawTokens,
      replyContext,
    };
  }

  /** After a reply: the server's count of the prompt against ours for the same request. */
  learn(profileId: string, model: string, serverPromptTokens: number, rawTokens: number): void {
    this.#calibration.record(profileId, model, serverPromptTokens, rawTokens);
  }
}
