import { omittedIdsOf } from '../../../../shared/domain/context-omitted';
import type { Message } from '../../../../shared/domain/conversation';
import { answerText, attachmentParts } from '../../../../shared/domain/message-content';
import { attachmentsHeight } from '../../components/attachments/attachment-format';

/**
 * What the transcript shows as rows, and which of them the last request left out. Pure, so the
 * virtualised list, its tests and the benchmark agree on the same numbers.
 */

const NO_ROWS: Message[] = [];

/** Every message but the system prompt, which is configuration shown in its own bar above the transcript. */
export function transcriptRows(messages: readonly Message[] | undefined): Message[] {
  if (!messages || messages.length === 0) return NO_ROWS;
  return messages.some((m) => m.role === 'system')
    ? messages.filter((m) => m.role !== 'system')
    : (messages as Message[]);
}

/** The turns the last request did not send, because they did not fit the model's context. */
export interface LeftOut {
  /** The reply whose request left them out. */
  replyId: string;
  /** The oldest message that was sent after the system prompt: the divider goes above it. */
  firstKeptId: string;
  omitted: ReadonlySet<string>;
  contextLength: number;
}

/**
 * The last request is the newest reply that recorded what it held (`context`): replies that failed
 * before a request was made record nothing. Undefined when that request sent the whole history.
 */
export function leftOutOfLastRequest(messages: readonly Message[] | undefined): LeftOut | undefined {
  const reply = messages?.findLast((m) => m.role === 'assistant' && m.context !== undefined);
  const context = reply?.context;
  if (!messages || !reply || !context?.firstKeptId) return undefined;
  const omitted = omittedIdsOf(messages, context);
  if (omitted.length === 0) return undefined;
  return {
    replyId: reply.id,
    firstKeptId: context.firstKeptId,
    omitted: new Set(omitted),
    contextLength: context.contextLength,
  };
}

const count = new Intl.NumberFormat('en-US');

/** "12 earlier messages were not sent with the last request — they did not fit the model's context of 1,024 tokens." */
export function leftOutText(omittedCount: number, contextLength: number): string {
  const messages =
    omittedCount === 1 ? '1 earlier message was' : `${count.format(omittedCount)} earlier messages were`;
  return `${messages} not sent with the last request — they did not fit the model's context of ${count.format(contextLength)} tokens.`;
}

/** Characters per line of the reading column, roughly (46rem at 15-16px). */
const CHARS_PER_LINE = 88;
const LINE = 25;
const CODE_LINE = 20;

/**
 * A first guess at a row's height before it is measured, close enough that a long thread opened at
 * the bottom does not jump much while rows above are measured: text lines, code lines with the code
 * block's bar, and the meta/actions line under a reply.
 */
export function estimateRowHeight(message: Pick<Message, 'role' | 'parts'>): number {
  const margin = 22;
  const actions = 30;
  // Reasoning shows folded: one line for its "Thought for …" header, whatever its length.
  const thinking = message.parts.some((p) => p.type === 'reasoning') ? 36 : 0;
  let lines = 0;
  let codeLines = 0;
  let codeBlocks = 0;
  let inCode = false;
  for (const line of answerText(message).split('\n')) {
    if (message.role === 'assistant' && /^\s*(```|~~~)/.test(line)) {
      inCode = !inCode;
      if (inCode) codeBlocks++;
      continue;
    }
    if (inCode) codeLines++;
    else lines += Math.max(line.trim() ? 1 : 0.5, Math.ceil(line.length / CHARS_PER_LINE));
  }
  const body =
    Math.max(1, lines) * LINE +
    codeLines * CODE_LINE +
    codeBlocks * 64 +
    attachmentsHeight(attachmentParts(message));
  return Math.round(
    message.role === 'user' ? body + 18 + margin + actions : body + margin + actions + 22 + thinking,
  );
}
