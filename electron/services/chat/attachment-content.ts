import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';
import type { ContextMessage } from '../../../shared/domain/context-budget';
import type { AttachmentPart, FilePart } from '../../../shared/domain/message-parts';
import { answerText, attachmentParts } from '../../../shared/domain/message-content';
import type { AttachmentReader } from '../attachments/attachment-reader';
import { hasToolParts, toolRoundMessages, type ToolRoundMessage } from '../tools/tool-history';

/**
 * What a message with attachments sends, and what it costs in tokens. A user message with
 * attachments goes as array content: its text first, then each attachment in order — an image as an
 * `image_url` part with a base64 data URL (every backend kind takes those; Ollama refuses http
 * URLs), a document as a text part naming the file with its text fenced below (cut where the user
 * chose, with a line telling the model so). Every other message stays a plain string, as before.
 */

export type RequestContent = string | ChatCompletionContentPart[];

/** One message of a chat request as the SDK takes it: only a user message carries parts. */
export type RequestMessage =
  | { role: 'user'; content: RequestContent }
  | { role: 'system' | 'assistant'; content: string }
  /** A reply that used tools: its rounds' calls and results (tools/tool-history.ts). */
  | ToolRoundMessage;

/**
 * Tokens an image is counted as, from OpenAI's published tile math for `detail: high`: fitted into
 * 2048 px, its shorter side scaled to 768 px, then 170 tokens per 512-px tile plus 85. A 1568-px
 * photo (3:2) is 6 tiles, 1,105 tokens; a square one 765. Local vision models differ (Qwen2.5-VL
 * spends more, Gemma 3 a fixed 256), so this is an estimate that calibration against the server's
 * own `prompt_tokens` corrects; it only has to be the right size for trimming.
 */
export function imageTokens(width: number, height: number): number {
  let w = Math.max(1, width);
  let h = Math.max(1, height);
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shorter = Math.min(1, 768 / Math.min(w, h));
  w *= shorter;
  h *= shorter;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}

/** The text a document sends: its name, its (cut) text in a fence no line of it can close, and the cut note. */
export function documentBlock(part: Pick<FilePart, 'name' | 'cutToChars'>, text: string): string {
  const cut = part.cutToChars !== undefined && part.cutToChars < text.length;
  const sent = cut ? safeSlice(text, part.cutToChars!) : text;
  const longestRun = Math.max(0, ...(sent.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const note = cut
    ? `\n[The rest of ${part.name} was not sent: ${count(text.length - sent.length)} of ${count(text.length)} characters.]`
    : '';
  return `File: ${part.name}\n${fence}\n${sent}\n${fence}${note}`;
}

/** Said in place of an attachment whose stored file cannot be read any more, so the turn still goes. */
export const missingAttachment = (part: AttachmentPart): string =>
  `[The attached ${part.type === 'image' ? 'image' : 'file'} ${part.name} is no longer available.]`;

/**
 * What a message sends: usually one message; a reply that used tools sends each round's assistant
 * message with its calls and the `tool` messages answering them.
 */
export async function requestMessages(
  message: ContextMessage,
  reader: AttachmentReader | undefined,
): Promise<RequestMessage[]> {
  if (message.role === 'assistant' && hasToolParts(message.parts)) return toolRoundMessages(message.parts);
  return [await requestMessage(message, reader)];
}

/** What a message sends: a plain string, or (a user message with attachments) its parts. */
export async function requestMessage(
  message: ContextMessage,
  reader: AttachmentReader | undefined,
): Promise<RequestMessage> {
  const text = answerText(message);
  if (message.role !== 'user') return { role: message.role, content: text };
  const attachments = attachmentParts(message);
  if (attachments.length === 0) return { role: 'user', content: text };
  const parts: ChatCompletionContentPart[] = text ? [{ type: 'text', text }] : [];
  for (const part of attachments) parts.push(await attachmentContent(part, reader));
  return { role: 'user', content: parts };
}

async function attachmentContent(
  part: AttachmentPart,
  reader: AttachmentReader | undefined,
): Promise<ChatCompletionContentPart> {
  try {
    if (!reader) throw new Error('no attachment storage');
    if (part.type === 'image')
      return { type: 'image_url', image_url: { url: await reader.imageDataUrl(part) } };
    return { type: 'text', text: documentBlock(part, await reader.documentText(part)) };
  } catch (error) {
    // History whose file went missing still goes, saying so: the newest message was checked at send.
    console.warn('[chat] an attachment could not be read; sending a note instead', error);
    return { type: 'text', text: missingAttachment(part) };
  }
}

/** The text parts of request content, joined (for counts of what was sent). */
export function contentText(content: RequestMessage['content']): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('\n');
}

/** Cuts at `chars` without splitting a surrogate pair. */
function safeSlice(text: string, chars: number): string {
  const end = Math.max(0, chars);
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

const count = (n: number) => n.toLocaleString('en-US');
