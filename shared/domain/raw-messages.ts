/**
 * Walks the messages of data not checked yet (a file on disk, an import), the hidden reply versions
 * included (`versions.others`, see reply-versions.ts). Iterative, and bounded in depth, so a crafted
 * file nested thousands deep cannot exhaust the stack before validation refuses it.
 */

/** Versions inside versions, at most this deep (the same bound validation applies). */
export const RAW_VERSION_DEPTH_MAX = 32;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface RawMessages {
  messages: Record<string, unknown>[];
  /** Versions nest deeper than `RAW_VERSION_DEPTH_MAX` (those deeper are not walked). */
  tooDeep: boolean;
}

/** Every message record of `list`, hidden versions included. */
export function rawMessages(list: unknown): RawMessages {
  const messages: Record<string, unknown>[] = [];
  let tooDeep = false;
  const stack: [unknown, number][] = [[list, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [items, depth] = next;
    if (!Array.isArray(items)) continue;
    for (const message of items as unknown[]) {
      if (!isRecord(message)) continue;
      messages.push(message);
      const versions = message.versions;
      if (!isRecord(versions) || !Array.isArray(versions.others)) continue;
      if (depth >= RAW_VERSION_DEPTH_MAX) {
        tooDeep = true;
        continue;
      }
      for (const tail of versions.others as unknown[]) stack.push([tail, depth + 1]);
    }
  }
  return { messages, tooDeep };
}

/** The first part type among the messages (versions included) that is not in `known`. */
export function unknownPartTypeIn(list: unknown, known: ReadonlySet<string>): string | undefined {
  for (const message of rawMessages(list).messages) {
    const parts = Array.isArray(message.parts) ? (message.parts as unknown[]) : [];
    for (const part of parts) {
      if (isRecord(part) && typeof part.type === 'string' && !known.has(part.type)) return part.type;
    }
  }
  return undefined;
}
