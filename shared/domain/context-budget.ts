import { isSendable, systemPromptOf, type ContextMessage } from './context-omitted';

/**
 * Conversation memory within a token budget: what a request holds when the history is longer than
 * the model's context. Pure: the token counter is an argument (main counts with a real tokenizer;
 * the renderer could pass a rough one), so both sides decide the same way.
 */

/** Where a context length came from: the profile's setting, the backend's model metadata, or our default. */
export type ContextSource = 'profile' | 'model' | 'default';

/** Used when neither the profile nor the backend says: Ollama's usual runtime context (PROTOCOLS.md). */
export const DEFAULT_CONTEXT_LENGTH = 4096;

/** Room kept for the reply when the profile sets no max tokens, at most this many tokens. */
export const DEFAULT_REPLY_RESERVE = 1024;

/**
 * The room reserved for the reply: the profile's max tokens, else min(1024, a quarter of the
 * context). Never more than half the context, so a max tokens larger than the model's context
 * (a common misconfiguration) still leaves room for the conversation.
 */
export function replyReserve(contextLength: number, maxTokens?: number): number {
  const wanted = maxTokens ?? Math.min(DEFAULT_REPLY_RESERVE, Math.floor(contextLength / 4));
  return Math.max(0, Math.min(wanted, Math.floor(contextLength / 2)));
}

/** The figures a context meter needs; a request preview and a sent request both have them. */
export interface ContextFigures {
  /** The model's context window in tokens. */
  contextLength: number;
  /** What the prompt may use: the context length minus the room reserved for the reply. */
  budgetTokens: number;
  /** The prompt's size in tokens. */
  promptTokens: number;
  /** True when `promptTokens` is our (calibrated) tokenizer count, false when the server reported it. */
  estimated: boolean;
}

export type { ReplyContext } from './reply-context';

/** What the next request of a conversation would hold (route `chat.context`). */
export interface ContextReport extends ContextFigures {
  /** The model the figures are for; absent when none is chosen yet (then the length is a default). */
  model?: string;
  source: ContextSource;
  /** One sentence on where the context length came from, for a tooltip. */
  sourceDetail: string;
  reservedForReply: number;
  systemTokens: number;
  /** Message ids that would be sent, system prompt first, then oldest to newest. */
  keptIds: string[];
  /** Message ids that would be left out, oldest first. */
  omittedIds: string[];
  firstKeptId?: string;
  /** Our token counts are multiplied by this (learned from the server's `prompt_tokens`). */
  calibration: number;
  /** True once the server's own counts for this profile and model have calibrated ours. */
  calibrated: boolean;
  overBudget: boolean;
  /**
   * The draft (text and attachments) is too big for the context even alone: by this many tokens.
   * The composer offers to cut its document (`draftFitChars`) or remove an attachment.
   */
  draftOverBy?: number;
  /** How many characters of the draft's largest document would fit: the `cutToChars` to offer. */
  draftFitChars?: number;
  /** Whether the model reads images, as its server says; asked only for a draft holding an image. */
  vision?: boolean;
}

export type { ContextMessage } from './context-omitted';
// Kept in a module without zod, so the chat window can use them without loading the schemas.
export { isSendable, omittedIdsOf, systemPromptOf } from './context-omitted';

export interface FitInput<M extends ContextMessage> {
  /** The candidates, oldest first (the reply being generated excluded). */
  messages: readonly M[];
  /** Raw tokens of one message, framing included. Called only for messages that are considered. */
  tokensOf: (message: M) => number;
  budgetTokens: number;
  /** Multiplies raw counts (calibration against the server's counts). Default 1. */
  factor?: number;
  /** Raw tokens sent whatever happens besides the messages (reply priming, a continue prompt). */
  fixedTokens?: number;
}

export interface ContextFit<M extends ContextMessage> {
  /** What to send: the system prompt first, then the kept messages oldest first. */
  send: M[];
  system?: M;
  keptIds: string[];
  /** Oldest first. */
  omittedIds: string[];
  firstKeptId?: string;
  /** Raw (uncalibrated) tokens of everything sent, `fixedTokens` included. */
  rawTokens: number;
  /** `rawTokens` calibrated, rounded up. */
  promptTokens: number;
  systemTokens: number;
  overBudget: boolean;
}

/**
 * Fits a history to a budget. The system prompt is always sent, first; so is the newest turn. Older
 * turns (a user message with the replies after it) are added whole from newest to oldest while they
 * fit; the first that does not fit ends the walk, so everything older is left out too — memory is
 * the most recent stretch of the conversation, never a patchwork. If the system prompt and the
 * newest turn alone exceed the budget they are sent anyway, and `overBudget` says so.
 */
export function fitToBudget<M extends ContextMessage>(input: FitInput<M>): ContextFit<M> {
  const factor = input.factor ?? 1;
  const scaled = (raw: number) => Math.ceil(raw * factor);
  const sendable = input.messages.filter(isSendable);
  const system = systemPromptOf(sendable);
  const turns = turnsOf(sendable.filter((m) => m !== system));
  const rawOf = (turn: readonly M[]) => turn.reduce((sum, m) => sum + input.tokensOf(m), 0);

  const systemRaw = system ? input.tokensOf(system) : 0;
  const newest = turns.at(-1) ?? [];
  let raw = (input.fixedTokens ?? 0) + systemRaw + rawOf(newest);
  const overBudget = scaled(raw) > input.budgetTokens;
  let firstKept = Math.max(0, turns.length - 1);
  if (!overBudget) {
    for (let i = turns.length - 2; i >= 0; i--) {
      const next = raw + rawOf(turns[i]!);
      if (scaled(next) > input.budgetTokens) break;
      raw = next;
      firstKept = i;
    }
  }
  const kept = turns.slice(firstKept).flat();
  const omitted = turns.slice(0, firstKept).flat();
  const send = system ? [system, ...kept] : kept;
  const fit: ContextFit<M> = {
    send,
    keptIds: send.map((m) => m.id),
    omittedIds: omitted.map((m) => m.id),
    rawTokens: raw,
    promptTokens: scaled(raw),
    systemTokens: scaled(systemRaw),
    overBudget,
  };
  if (system) fit.system = system;
  if (kept[0]) fit.firstKeptId = kept[0].id;
  return fit;
}

/** A new turn starts at each user message; anything before the first user message is a turn of its own. */
function turnsOf<M extends ContextMessage>(messages: readonly M[]): M[][] {
  const turns: M[][] = [];
  for (const message of messages) {
    const current = turns.at(-1);
    if (message.role === 'user' || !current) turns.push([message]);
    else current.push(message);
  }
  return turns;
}
