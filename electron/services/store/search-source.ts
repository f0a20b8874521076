import type { Message } from '../../../shared/domain/conversation';
import { checkVersion } from './migrations';

/** What search needs of a message. */
export type SearchableMessage = Pick<Message, 'id' | 'role' | 'content'>;

const roles = new Set<string>(['system', 'user', 'assistant']);

/**
 * A conversation file's messages for the search index, read as plain JSON (electron-store and
 * `conf` write plain JSON here; no encryption is configured). Lenient on purpose: this only feeds
 * the index, so a file that cannot be used is skipped (it is reported when it is opened), and a file
 * from a newer version is not interpreted.
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
  const messages = (data as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) return undefined;
  const out: SearchableMessage[] = [];
  for (const m of messages as unknown[]) {
    const { id, role, content } = (m ?? {}) as Record<string, unknown>;
    if (typeof id === 'string' && typeof content === 'string' && typeof role === 'string' && roles.has(role))
      out.push({ id, role: role as Message['role'], content });
  }
  return out;
}
