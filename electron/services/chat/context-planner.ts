import {
  fitToBudget,
  replyReserve,
  type ContextMessage,
  type ContextReport,
  type ReplyContext,
} from '../../../shared/domain/context-budget';
import { answerText, attachmentParts, textParts } from '../../../shared/domain/message-content';
import type { AttachmentPart, FilePart } from '../../../shared/domain/message-parts';
import type { ModelCapabilities } from '../../../shared/domain/profiles';
import type { AttachmentReader } from '../attachments/attachment-reader';
import type { ContextLengths, ContextProfile } from '../backends/context-length';
import { AttachmentTokens } from '../tokens/attachment-tokens';
import { TokenCalibration } from '../tokens/calibration';
import { MessageTokenCache } from '../tokens/message-token-cache';
import { REPLY_PRIMING_TOKENS } from '../tokens/token-estimate';
import { toolPartsText } from '../tools/tool-history';
import { contentText, requestMessages, type RequestMessage } from './attachment-content';

/** One message of a chat request as the SDK takes it: the answer text (never reasoning), and a user's attachments. */
export type { RequestMessage } from './attachment-content';

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
  /** The draft's attachments, counted like the message they will be part of. */
  draftAttachments?: readonly AttachmentPart[];
  /** Figures only (the context meter): the request is not built, so no image is read. */
  preview?: boolean;
}

export interface ContextPlan {
  report: ContextReport;
  /** The request's messages: system prompt first, the kept turns, then the tail (empty for a preview). */
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
  /** Reads stored attachments, to count documents and to build requests with them. */
  attachments?: AttachmentReader;
  /** What a model can do (whether it reads images), asked only for a draft holding an image. */
  capabilities?: { of(profile: ContextProfile, model: string): Promise<ModelCapabilities> };
}

const DRAFT_ID = '\u0000draft';
/** Room kept for the line telling the model a document was cut. */
const CUT_NOTE_TOKENS = 30;

/** The message being typed, with its attachments; undefined when there is nothing yet. */
function draftMessage(
  text: string | undefined,
  attachments: readonly AttachmentPart[] | undefined,
): ContextMessage | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed.length === 0 && !attachments?.length) return undefined;
  return {
    id: DRAFT_ID,
    role: 'user',
    parts: [
      ...textParts(trimmed.length > 0 ? text! : ''),
      ...(attachments ?? []).map((a, i) => ({ ...a, id: `a${i + 1}` })),
    ],
    status: 'complete',
  };
}

/**
 * Decides what a request holds: the context length of the profile's model, the room reserved for
 * the reply, our token counts (cached per message, calibrated by the server's), and the trimming
 * itself (`fitToBudget`, shared with the renderer). One instance serves chat and the context meter
 * so both see the same calibration and caches.
 */
export class ContextPlanner {
  readonly #calibration: TokenCalibration;
  readonly #tokens: MessageTokenCache;
  readonly #attachmentTokens: AttachmentTokens;

  constructor(private readonly deps: ContextPlannerDeps) {
    this.#calibration = deps.calibration ?? new TokenCalibration();
    this.#tokens = deps.tokens ?? new MessageTokenCache();
    this.#attachmentTokens = new AttachmentTokens(deps.attachments);
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
    const draft = draftMessage(input.draft, input.draftAttachments);
    if (draft) messages.push(draft);
    const attached = await this.#attachmentTokens.of(messages);

    const fit = fitToBudget({
      messages,
      // What is sent is counted (the answer text and attachments; reasoning never goes). A draft or
      // a reply still streaming changes with every call: counted, not remembered.
      tokensOf: (m) =>
        count(
          // A reply's tool calls and results are sent too, so they count; the message is one unit
          // (kept or dropped whole), so a call never goes without its result.
          { id: m.id, role: m.role, content: answerText(m) + toolPartsText(m.parts) },
          m.id !== DRAFT_ID && m.status !== 'streaming',
        ) + (attached.get(m.id) ?? 0),
      budgetTokens,
      factor,
      fixedTokens:
        REPLY_PRIMING_TOKENS +
        tail.reduce(
          (sum, m, i) =>
            sum + count({ id: `tail${i}`, role: m.role, content: contentText(m.content) }, false),
          0,
        ),
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
      ...(draft && fit.overBudget
        ? await this.#draftOver(draft, fit.promptTokens - budgetTokens, factor)
        : {}),
      ...(draft && model && input.draftAttachments?.some((a) => a.type === 'image')
        ? await this.#vision(profile, model)
        : {}),
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
      messages: input.preview ? [] : [...(await this.request(fit.send)), ...tail.map((m) => ({ ...m }))],
      rawTokens: fit.rawTokens,
      replyContext,
    };
  }

  /** Messages as a request sends them: attachments read from the store (images as data URLs). */
  async request(messages: readonly ContextMessage[]): Promise<RequestMessage[]> {
    const each = await Promise.all(messages.map((m) => requestMessages(m, this.deps.attachments)));
    return each.flat();
  }

  /**
   * The draft is too big for the context even alone: by how much, and how many characters of its
   * largest document would fit, so the composer can offer to cut it there (or remove it).
   */
  async #draftOver(
    draft: ContextMessage,
    overBy: number,
    factor: number,
  ): Promise<Pick<ContextReport, 'draftOverBy' | 'draftFitChars'>> {
    const documents = attachmentParts(draft).filter((p): p is FilePart => p.type === 'file');
    let largest: { chars: number; tokens: number } | undefined;
    for (const part of documents) {
      const tokens = Math.ceil((await this.#attachmentTokens.document(part)) * factor);
      const chars = Math.min(part.textChars, part.cutToChars ?? part.textChars);
      if (!largest || tokens > largest.tokens) largest = { chars, tokens };
    }
    // Tokens are not spread evenly over a text: aim a little under, and leave room for the cut note.
    const keepTokens = largest ? largest.tokens - overBy - CUT_NOTE_TOKENS : 0;
    const fitChars =
      largest && keepTokens > 0 ? Math.floor((largest.chars * keepTokens * 0.9) / largest.tokens) : 0;
    return { draftOverBy: overBy, ...(fitChars > 0 ? { draftFitChars: fitChars } : {}) };
  }

  async #vision(profile: ContextProfile, model: string): Promise<Pick<ContextReport, 'vision'>> {
    const capabilities = await this.deps.capabilities
      ?.of(profile, model)
      .catch(() => ({}) as ModelCapabilities);
    return capabilities?.vision !== undefined ? { vision: capabilities.vision } : {};
  }

  /** After a reply: the server's count of the prompt against ours for the same request. */
  learn(profileId: string, model: string, serverPromptTokens: number, rawTokens: number): void {
    this.#calibration.record(profileId, model, serverPromptTokens, rawTokens);
  }
}
