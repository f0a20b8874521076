import type { z } from 'zod';
import type { Conversation, Message } from './conversation';
import {
  exportedAttachmentsSchema,
  importedConversationSchema,
  type ExportedAttachments,
} from './conversation-export-schema';
import { quoted } from './excerpt';
import type { ExportedFile } from './exported-file';
import { partsFromContent } from './legacy-content';
import { answerText, attachmentParts, reasoningParts } from './message-content';
import { knownPartTypes, type AttachmentPart, type ReasoningPart } from './message-parts';
import { RAW_VERSION_DEPTH_MAX, rawMessages, unknownPartTypeIn } from './raw-messages';
import { everyMessage, versionsProblem } from './reply-versions';

/**
 * Conversations as files the user keeps: Markdown to read, JSON to import again. Pure, so the
 * export and the import check are the same code wherever they run.
 */
export const CONVERSATIONS_FORMAT = 'local-llm-desk/conversations';
/**
 * Raised only when an older app could no longer read the file correctly. 2: messages are typed parts
 * (`parts`) instead of one `content` string; version 1 files are still imported (content → parts).
 * Version 2 files may embed attachments (`attachments`, optional: older version 2 files have none).
 */
export const CONVERSATIONS_FORMAT_VERSION = 2;

export const conversationExportFormats = ['markdown', 'json'] as const;
export type ConversationExportFormat = (typeof conversationExportFormats)[number];

export interface ConversationsFile {
  format: typeof CONVERSATIONS_FORMAT;
  version: number;
  exportedAt: string;
  app: string;
  conversations: Conversation[];
  /** The attachments the conversations reference, by hash (absent when there are none). */
  attachments?: ExportedAttachments;
}

export type ImportParse =
  | { ok: true; conversations: Conversation[]; attachments?: ExportedAttachments }
  | { ok: false; reason: string };

export function conversationsToJson(
  conversations: Conversation[],
  exportedAt: number,
  attachments: ExportedAttachments = {},
): string {
  const file: ConversationsFile = {
    format: CONVERSATIONS_FORMAT,
    version: CONVERSATIONS_FORMAT_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    app: 'Local LLM Desk',
    conversations: conversations.map(inSummaryOrder),
    ...(Object.keys(attachments).length > 0 ? { attachments } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Every stored attachment the conversations reference, with the type to embed it as: an image's or
 * a document's own type, and UTF-8 text for a document's extracted text.
 */
export function referencedAttachmentTypes(conversations: readonly Conversation[]): Map<string, string> {
  const types = new Map<string, string>();
  for (const conversation of conversations) {
    // Hidden reply versions too: their attachments must travel with them.
    for (const message of everyMessage(conversation.messages)) {
      for (const part of attachmentParts(message)) {
        types.set(part.hash, part.mimeType);
        if (part.type === 'file' && !types.has(part.textHash))
          types.set(part.textHash, 'text/plain; charset=utf-8');
      }
    }
  }
  return types;
}

const summaryKeys = [
  'id',
  'title',
  'createdAt',
  'updatedAt',
  'messageCount',
  'model',
  'profileId',
  'chosenModel',
  'pinned',
  'titleEdited',
  'reasoningEffort',
] as const;

/** The same conversation always exports to the same text, however its summary was put together. */
function inSummaryOrder(conversation: Conversation): Conversation {
  const ordered: Record<string, unknown> = {};
  for (const key of summaryKeys) if (conversation[key] !== undefined) ordered[key] = conversation[key];
  return { ...ordered, ...conversation } as Conversation;
}

/** A transcript to read: one section per conversation, one heading per message with role, model and time. */
export function conversationsToMarkdown(conversations: Conversation[], exportedAt: number): string {
  const single = conversations.length === 1;
  const parts: string[] = [];
  if (!single) {
    parts.push(
      '# Local LLM Desk conversations',
      `*${conversations.length} conversation${conversations.length === 1 ? '' : 's'}, exported ${when(exportedAt)}*`,
    );
  }
  const level = single ? '#' : '##';
  for (const conversation of conversations) {
    const facts = [`created ${when(conversation.createdAt)}`, `updated ${when(conversation.updatedAt)}`];
    if (conversation.model) facts.push(`model ${conversation.model}`);
    facts.push(`${conversation.messages.length} message${conversation.messages.length === 1 ? '' : 's'}`);
    parts.push(`${level} ${oneLine(conversation.title)}`, `*${facts.join(' · ')}*`);
    for (const message of conversation.messages) parts.push(...messageMarkdown(message, `${level}#`));
    if (!single) parts.push('---');
  }
  return `${parts.join('\n\n')}\n`;
}

const roleNames: Record<Message['role'], string> = { system: 'System', user: 'User', assistant: 'Assistant' };

function messageMarkdown(message: Message, level: string): string[] {
  const heading = [roleNames[message.role]];
  if (message.model)
    heading.push(message.profileName ? `${message.model} via ${message.profileName}` : message.model);
  heading.push(when(message.createdAt));
  if (message.status !== 'complete') heading.push(message.status);
  const answer = answerText(message);
  const attached = attachmentParts(message);
  const body = answer.trim() === '' ? (attached.length > 0 ? [] : ['*(no text)*']) : [answer];
  const out = [`${level} ${heading.join(' · ')}`, ...reasoningParts(message).map(reasoningMarkdown), ...body];
  if (attached.length > 0) out.push(`*Attached: ${attached.map(attachmentLabel).join(', ')}*`);
  if (message.error) out.push(`> ${oneLine(message.error.message)} ${oneLine(message.error.fix)}`);
  return out;
}

/**
 * What the model thought, folded away as it is in the app (`<details>` stays closed in Markdown
 * viewers that render HTML, and reads as plain text in those that do not).
 */
function reasoningMarkdown(part: ReasoningPart): string {
  // A literal closing tag in the reasoning would end the block early.
  const text = part.text.trim().replace(/<\/details\s*>/gi, '&lt;/details&gt;');
  return `<details><summary>${thinkingLabel(part)}</summary>\n\n${text}\n\n</details>`;
}

const formatNames: Record<string, string> = {
  text: 'text',
  markdown: 'Markdown',
  code: 'code',
  csv: 'CSV',
  json: 'JSON',
  pdf: 'PDF',
};

/** "photo.jpg (image, 1568×1176)", "report.pdf (PDF, 12 pages)", "notes.md (Markdown, 1,204 characters)". */
export function attachmentLabel(part: AttachmentPart): string {
  // The name is the user's: kept on one line, and it cannot close the emphasis around the list.
  const name = oneLine(part.name).replace(/[*_`]/g, (c) => `\\${c}`);
  if (part.type === 'image') return `${name} (image, ${part.width}×${part.height})`;
  const format = formatNames[part.format] ?? part.format;
  const size =
    part.pages !== undefined
      ? `${part.pages} page${part.pages === 1 ? '' : 's'}`
      : `${part.textChars.toLocaleString('en-US')} characters`;
  const cut = part.cutToChars !== undefined ? `, first ${part.cutToChars.toLocaleString('en-US')} sent` : '';
  return `${name} (${format}, ${size}${cut})`;
}

/** "Thought for 12 s", "Thinking (incomplete)" when it was cut off, "Thinking" when its time is unknown. */
export function thinkingLabel(part: Pick<ReasoningPart, 'durationMs' | 'incomplete'>): string {
  if (part.incomplete) return 'Thinking (incomplete)';
  if (part.durationMs === undefined) return 'Thinking';
  const seconds = Math.max(1, Math.round(part.durationMs / 1000));
  return seconds < 60
    ? `Thought for ${seconds} s`
    : `Thought for ${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** One conversation is named after its title; several after the date. */
export function exportConversationsFile(
  conversations: Conversation[],
  format: ConversationExportFormat,
  exportedAt: number,
  attachments: ExportedAttachments = {},
): ExportedFile {
  const only = conversations.length === 1 ? conversations[0] : undefined;
  const base = only
    ? slug(only.title)
    : `local-llm-desk-conversations-${new Date(exportedAt).toISOString().slice(0, 10)}`;
  return format === 'json'
    ? {
        filename: `${base}.json`,
        mimeType: 'application/json',
        content: conversationsToJson(conversations, exportedAt, attachments),
      }
    : {
        filename: `${base}.md`,
        mimeType: 'text/markdown',
        content: conversationsToMarkdown(conversations, exportedAt),
      };
}

/**
 * Checks an import file completely before anything is written. Tells apart: empty, not JSON, cut
 * off, JSON that is not ours, a newer export version, and invalid entries (which, and why).
 */
export function parseConversationsImport(text: string): ImportParse {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return fail('The file is empty.');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    if (looksTruncated(body)) {
      return fail(
        'The file is truncated: it ends before the data is complete (was the export or the copy interrupted?).',
      );
    }
    return fail(
      'The file is not JSON, so it is not a Local LLM Desk export. Import reads the JSON export (Markdown exports are for reading).',
    );
  }
  if (!isRecord(data) || data.format !== CONVERSATIONS_FORMAT) {
    return fail(
      `The file is not a Local LLM Desk conversations export: it has no "format": "${CONVERSATIONS_FORMAT}" marker.`,
    );
  }
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('The file does not say which export version it is, so it cannot be read safely.');
  }
  if (version > CONVERSATIONS_FORMAT_VERSION) {
    return fail(
      `The file was made by a newer version of the app (export version ${version}; this version reads up to ${CONVERSATIONS_FORMAT_VERSION}). Update the app to import it.`,
    );
  }
  if (!Array.isArray(data.conversations)) return fail('The file has no list of conversations.');
  const attachments = exportedAttachmentsSchema.safeParse(data.attachments ?? {});
  if (!attachments.success) {
    return fail(
      // A key may be anything the file holds: quoted short, never whole.
      `The file's attachments are invalid (${attachments.error.issues
        .slice(0, 1)
        .map((i) => `${quoted(i.path.map(String).join('.'), 40)}: ${i.message}`)
        .join('')}), so nothing was imported.`,
    );
  }

  const entries: unknown[] = version === 1 ? data.conversations.map(fromVersion1) : data.conversations;
  const newerPart = unknownPartType(entries);
  if (newerPart !== undefined) {
    return fail(
      `The file holds a kind of message part this version does not know (${quoted(newerPart, 40)}): it was made by a newer version of the app. Update the app to import it; nothing was imported.`,
    );
  }
  if (entries.some((e) => isRecord(e) && rawMessages(e.messages).tooDeep)) {
    return fail(
      `The file's reply versions are nested more than ${RAW_VERSION_DEPTH_MAX} deep, so nothing was imported.`,
    );
  }
  const conversations: Conversation[] = [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const name = `conversation ${index + 1}${titleHint(entry)}`;
    const parsed = importedConversationSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(`${name}: ${describeIssues(parsed.error)}`);
      return;
    }
    const seen = new Set<string>();
    const repeated = parsed.data.messages.find((m) => (seen.has(m.id) ? true : (seen.add(m.id), false)));
    if (repeated) {
      problems.push(`${name}: message id ${quoted(repeated.id, 40)} appears twice`);
      return;
    }
    const versions = versionsProblem(parsed.data.messages);
    if (versions) {
      problems.push(`${name}: ${versions}`);
      return;
    }
    conversations.push(parsed.data);
  });
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    return fail(
      `${problems.length} of the ${entries.length} conversations in the file ${problems.length === 1 ? 'is' : 'are'} invalid, so nothing was imported: ${problems.slice(0, 3).join('; ')}${more}.`,
    );
  }
  const embedded = Object.keys(attachments.data).length > 0 ? { attachments: attachments.data } : {};
  return { ok: true, conversations, ...embedded };
}

const fail = (reason: string): ImportParse => ({ ok: false, reason });

/** A version 1 conversation: each message's `content` string becomes its parts (validation judges the rest). */
function fromVersion1(entry: unknown): unknown {
  if (!isRecord(entry) || !Array.isArray(entry.messages)) return entry;
  const messages = entry.messages.map((message: unknown) => {
    if (!isRecord(message) || typeof message.content !== 'string') return message;
    const { content, ...rest } = message;
    return { ...rest, parts: partsFromContent(String(rest.role), content) };
  });
  return { ...entry, messages };
}

/** The first part type in the file that this version does not know (a newer app wrote it). */
function unknownPartType(entries: unknown[]): string | undefined {
  const known = new Set<string>(knownPartTypes);
  for (const entry of entries) {
    const type = isRecord(entry) ? unknownPartTypeIn(entry.messages, known) : undefined;
    if (type !== undefined) return type;
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function titleHint(entry: unknown): string {
  if (!isRecord(entry) || typeof entry.title !== 'string') return '';
  return ` (${quoted(entry.title, 40)})`;
}

function describeIssues(error: z.ZodError, max = 2): string {
  const issues = error.issues.slice(0, max).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return issues.join('; ') + more;
}

/**
 * JSON that opens an object or array and ends inside a string or with brackets still open was cut
 * off, rather than never being JSON (one pass; only run after JSON.parse failed).
 */
function looksTruncated(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return inString || depth > 0;
}

function when(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function slug(title: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base || 'conversation';
}
