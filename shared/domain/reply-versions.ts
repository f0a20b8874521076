import type { Message, MessageVersions } from './conversation';
import { RAW_VERSION_DEPTH_MAX } from './raw-messages';

/**
 * Versions of a turn, as ChatGPT keeps them (Regenerate makes one at a reply, Edit & resend at a
 * user message). The conversation's `messages` are the path shown now; the first message of a
 * shown tail carries `versions`, whose `others` are the hidden tails from the same place. So
 * everything that reads `messages` (the request, token counts, search, the list's count, Markdown
 * export) sees only the shown path without knowing versions exist. Pure functions only.
 *
 * System prompts never sit in a version: a conversation has one prompt, whatever version is shown.
 * When a tail is put away, a system prompt in it stays in the shown path, just before the tail.
 */

/** How many versions the turn starting at this message has (1 when it has none). */
export function versionCount(message: Pick<Message, 'versions'>): number {
  return message.versions ? message.versions.others.length + 1 : 1;
}

/** The version shown now, 0-based (clamped: a hand-edited file cannot point past the list). */
export function shownVersion(message: Pick<Message, 'versions'>): number {
  const versions = message.versions;
  return versions ? Math.min(versions.shown, versions.others.length) : 0;
}

function withoutVersions(message: Message): Message {
  const { versions: _versions, ...rest } = message;
  return rest;
}

/** Every version of the tail starting with `tail[0]`, in order, the shown one without its `versions`. */
function allTails(tail: readonly Message[]): Message[][] {
  const [first, ...after] = tail;
  if (!first) return [];
  const plain = [withoutVersions(first), ...after];
  if (!first.versions) return [plain];
  const at = shownVersion(first);
  const { others } = first.versions;
  return [...others.slice(0, at), plain, ...others.slice(at)];
}

/** The tail from `index` on, split into the system prompts it holds and the rest. */
function splitTail(messages: readonly Message[], index: number) {
  const tail = messages.slice(index);
  return {
    head: messages.slice(0, index),
    systems: tail.filter((m) => m.role === 'system'),
    turns: tail.filter((m) => m.role !== 'system'),
  };
}

/**
 * A new version at `index`: the tail from there on (with its own versions) is kept as a version,
 * and `first` starts the new tail, shown as the last version (n/n). Returns the whole new list,
 * which ends with `first` (carrying `versions` when there was anything to keep).
 */
export function addVersion(messages: readonly Message[], index: number, first: Message): Message[] {
  const { head, systems, turns } = splitTail(messages, index);
  const kept = allTails(turns);
  const start = withoutVersions(first);
  if (kept.length === 0) return [...head, ...systems, start];
  return [...head, ...systems, { ...start, versions: { shown: kept.length, others: kept } }];
}

/**
 * Shows version `version` (0-based) of the turn whose shown tail starts at `index`: the shown tail
 * and that version swap places. Undefined when there is no such version (or no versions there).
 */
export function switchVersion(
  messages: readonly Message[],
  index: number,
  version: number,
): Message[] | undefined {
  const first = messages[index];
  if (!first?.versions || !Number.isInteger(version) || version < 0) return undefined;
  const { head, systems, turns } = splitTail(messages, index);
  const all = allTails(turns);
  const chosen = all[version];
  if (!chosen?.[0]) return undefined;
  const others = all.filter((_, i) => i !== version);
  const [chosenFirst, ...rest] = chosen;
  return [...head, ...systems, { ...chosenFirst, versions: { shown: version, others } }, ...rest];
}

/**
 * A reply replaced rather than kept (Retry of a failed one): the new reply takes over the
 * versions the old one carried, so the earlier versions stay.
 */
export function carryVersions(from: Pick<Message, 'versions'>, to: Message): Message {
  return from.versions ? { ...to, versions: from.versions } : withoutVersions(to);
}

/** Every message, the hidden versions' included (depth first): what attachments and imports must see. */
export function* everyMessage(messages: readonly Message[]): Generator<Message> {
  for (const message of messages) {
    yield message;
    if (message.versions) for (const tail of message.versions.others) yield* everyMessage(tail);
  }
}

/** Bounds of an imported conversation's versions. */
export interface VersionLimits {
  /** Versions inside versions, at most this deep. */
  maxDepth: number;
  /** Messages of every version together. */
  maxMessages: number;
}

export const defaultVersionLimits: VersionLimits = { maxDepth: RAW_VERSION_DEPTH_MAX, maxMessages: 100_000 };

/**
 * Why a message list's versions cannot be used (undefined: they can): a position past the list,
 * an empty version, a version starting with another kind of message or carrying versions of its
 * own at its start, a system prompt in a version, an id used twice, too deep or too many.
 */
export function versionsProblem(
  messages: readonly Message[],
  limits: VersionLimits = defaultVersionLimits,
): string | undefined {
  const ids = new Set<string>();
  let count = 0;
  const walk = (list: readonly Message[], depth: number): string | undefined => {
    for (const message of list) {
      count += 1;
      if (count > limits.maxMessages)
        return `its versions hold more than ${limits.maxMessages.toLocaleString('en-US')} messages`;
      if (ids.has(message.id)) return 'a message id is used twice among its versions';
      ids.add(message.id);
      const versions = message.versions;
      if (!versions) continue;
      if (depth >= limits.maxDepth) return `its versions are nested more than ${limits.maxDepth} deep`;
      if (message.role === 'system') return 'a system prompt has versions';
      if (versions.shown > versions.others.length) return 'a shown version is past the list of versions';
      for (const tail of versions.others) {
        const first = tail[0];
        if (!first) return 'a version is empty';
        if (first.role !== message.role) return 'a version starts with another kind of message';
        if (first.versions) return 'a version carries versions at its start';
        if (tail.some((m) => m.role === 'system')) return 'a version holds a system prompt';
        const problem = walk(tail, depth + 1);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  return walk(messages, 0);
}

export type { MessageVersions };
