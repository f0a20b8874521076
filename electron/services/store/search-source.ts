import type { Message } from '../../../shared/domain/conversation';
import { partsFromContent } from '../../../shared/domain/legacy-content';
import { answerText } from '../../../shared/domain/message-content';
import { checkVersion, unknownPartType, type RawData } from './migrations';

/** What search needs of a message: its answer text (text parts only; reasoning is not searched). */
export interface SearchableMessage {
  id: string;
  role: Message['role'];
  text: string;
}

const roles = new Set<string>(['system', 'user', 'assistant']);

/** The open messages as search sees them. */
export const searchableOf = (messages: readonly Message[]): SearchableMessage[] =>
  messages.map((m) => ({ id: m.id, role: m.role, text: answerText(m) }));

/**
 * A conversation file's messages for the search index, read as plain JSON (electron-store and
 * `conf` write plain JSON here; no encryption is configured). Lenient on purpose: this only feeds
 * the index, so a file that cannot be used is skipped (it is reported when it is opened), and a file
 * from a newer version (or holding a part kind only a newer version knows) is not interpreted. A file
 * not migrated yet (v2, one `content` string per message) is read as it is.
 */
export async function readSearchable(
  readText: (file: string) => Promise<string>,
  file: string,
): Promise<SearchableMessage[] | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readText(file));
  } catch {
    return undefined;
  }
  const version = checkVersion(data);
  if (version.kind === 'newer' || version.kind === 'unknown') return undefined;
  if (unknownPartType(data as RawData) !== undefined) return undefined;
  const messages = (data as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) return undefined;
  const out: SearchableMessage[] = [];
  for (const m of messages as unknown[]) {
    const { id, role, content, parts } = (m ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || typeof role !== 'string' || !roles.has(role)) continue;
    // A v2 message's content is read as the migration will read it (a leading <think> block is reasoning).
    const text = Array.isArray(parts)
      ? textOf(parts)
      : typeof content === 'string'
        ? answerText({ parts: partsFromContent(role, content) })
        : undefined;
    if (text !== undefined) out.push({ id, role: role as Message['role'], text });
  }
  return out;
}

/** The text parts of raw parts, in order (anything else, reasoning included, is not searched). */
function textOf(parts: unknown[]): string {
  let out = '';
  for (const part of parts) {
    const { type, text } = (part ?? {}) as Record<string, unknown>;
    if (type === 'text' && typeof text === 'string') out += text;
  }
  return out;
}
