import type { ImportReport, SearchHit, TrashItem } from '../../../../shared/domain/library';

/** Pure wording and splitting for the library's views (search hits, the trash, import reports). */

export interface SnippetParts {
  before: string;
  match: string;
  after: string;
}

/** A hit's snippet split around its match, for a <mark>; a range outside the snippet marks nothing. */
export function snippetParts(snippet: string, matchStart: number, matchLength: number): SnippetParts {
  const start = Number.isInteger(matchStart) ? matchStart : -1;
  const length = Number.isInteger(matchLength) ? matchLength : 0;
  if (start < 0 || length <= 0 || start >= snippet.length) return { before: snippet, match: '', after: '' };
  const end = Math.min(snippet.length, start + length);
  return { before: snippet.slice(0, start), match: snippet.slice(start, end), after: snippet.slice(end) };
}

/** Who wrote the message a hit was found in; title hits say so. */
export function hitSource(hit: SearchHit): string {
  if (hit.messageId === undefined) return 'Title';
  if (hit.role === 'assistant') return 'Assistant';
  if (hit.role === 'system') return 'System prompt';
  return 'You';
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "Imported 2 conversations (1 got a new id because its id was in use)." and what was skipped. */
export function importSummary(report: ImportReport): string {
  const imported = report.imported.length;
  const skipped = report.skipped ?? 0;
  if (imported === 0) {
    if (skipped === 0) return 'The file holds no conversations, so nothing was imported.';
    return skipped === 1
      ? 'Nothing was imported: the conversation in the file is already here, unchanged.'
      : `Nothing was imported: all ${skipped} conversations in the file are already here, unchanged.`;
  }
  let text = `Imported ${count(imported, 'conversation', 'conversations')}`;
  if (report.renamed > 0) {
    text +=
      report.renamed === 1
        ? ' (1 got a new id because its id was in use)'
        : ` (${report.renamed} got new ids because theirs were in use)`;
  }
  text += '.';
  if (skipped > 0)
    text += ` ${count(skipped, 'conversation was', 'conversations were')} already here, unchanged, and skipped.`;
  return text;
}

export function trashKindLabel(kind: TrashItem['kind']): string {
  return kind === 'turns' ? 'Earlier version (replaced turns)' : 'Conversation';
}

export function messageCount(n: number): string {
  return count(n, 'message', 'messages');
}

/** The Trash button's accessible name: "Trash, 3 items" / "Trash, empty". */
export function trashButtonLabel(items: number): string {
  return items === 0 ? 'Trash, empty' : `Trash, ${count(items, 'item', 'items')}`;
}
