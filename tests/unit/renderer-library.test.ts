import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../shared/domain/conversation';
import type { SearchHit } from '../../shared/domain/library';
import { menuKeyAction, menuPlacement } from '../../renderer/src/components/library/menu-keys';
import { problemSubject, sentence } from '../../renderer/src/format/store-problem';
import {
  hitSource,
  importSummary,
  snippetParts,
  trashButtonLabel,
  trashKindLabel,
} from '../../renderer/src/state/library/library-format';
import { listRows, nextItemIndex, PAGE_STEP } from '../../renderer/src/state/library/library-rows';
import {
  canUndo,
  deletedToast,
  failedToast,
  restoredToast,
  restoringToast,
  resumeDelay,
  RESTORED_MS,
  RESUME_MIN_MS,
  toastLifetime,
  toastText,
  TOAST_MS,
} from '../../renderer/src/state/library/library-toast';
import { sortConversations } from '../../renderer/src/state/transcript/transcript-ops';

const summary = (
  id: string,
  updatedAt: number,
  extra: Partial<ConversationSummary> = {},
): ConversationSummary => ({
  id,
  title: `Title ${id}`,
  createdAt: 0,
  updatedAt,
  messageCount: 2,
  ...extra,
});

describe('snippet highlighting', () => {
  it('splits a snippet around its match', () => {
    expect(snippetParts('…the zucchini bread', 5, 8)).toEqual({
      before: '…the ',
      match: 'zucchini',
      after: ' bread',
    });
    expect(snippetParts('Lisbon', 0, 6)).toEqual({ before: '', match: 'Lisbon', after: '' });
  });

  it('clamps a match that runs past the end, and marks nothing for a range outside the snippet', () => {
    expect(snippetParts('abc', 1, 10)).toEqual({ before: 'a', match: 'bc', after: '' });
    expect(snippetParts('abc', 3, 1)).toEqual({ before: 'abc', match: '', after: '' });
    expect(snippetParts('abc', -1, 2)).toEqual({ before: 'abc', match: '', after: '' });
    expect(snippetParts('abc', 0, 0)).toEqual({ before: 'abc', match: '', after: '' });
    expect(snippetParts('abc', 0.5, 1)).toEqual({ before: 'abc', match: '', after: '' });
  });

  it('names where a hit was found', () => {
    const hit: SearchHit = { conversationId: 'c', title: 't', snippet: 't', matchStart: 0, matchLength: 1 };
    expect(hitSource(hit)).toBe('Title');
    expect(hitSource({ ...hit, messageId: 'm', role: 'user' })).toBe('You');
    expect(hitSource({ ...hit, messageId: 'm', role: 'assistant' })).toBe('Assistant');
    expect(hitSource({ ...hit, messageId: 'm', role: 'system' })).toBe('System prompt');
  });
});

describe('the list: pinned first, in sections, by index', () => {
  it('sorts pinned conversations first, then the most recent, whatever order the host sends', () => {
    const list = [
      summary('old', 1),
      summary('new', 9),
      summary('pinned-old', 2, { pinned: true }),
      summary('pinned-new', 5, { pinned: true }),
    ];
    expect(sortConversations(list).map((c) => c.id)).toEqual(['pinned-new', 'pinned-old', 'new', 'old']);
    // Ties are broken the same way every time (creation, then id), as the store does.
    const tied = [summary('b', 5), summary('a', 5), summary('c', 5, { createdAt: 1 })];
    expect(sortConversations(tied).map((c) => c.id)).toEqual(['c', 'a', 'b']);
  });

  it('puts "Pinned" and "Recent" headers around the sections, with positions in the whole list', () => {
    const list = sortConversations([summary('a', 3), summary('b', 2, { pinned: true }), summary('c', 1)]);
    const { rows, rowOf, itemRows } = listRows(list);
    expect(rows.map((r) => (r.kind === 'header' ? `# ${r.label}` : r.conversation.id))).toEqual([
      '# Pinned',
      'b',
      '# Recent',
      'a',
      'c',
    ]);
    expect(rows.flatMap((r) => (r.kind === 'item' ? [r.position] : []))).toEqual([1, 2, 3]);
    expect(rowOf.get('a')).toBe(3);
    expect(itemRows).toEqual([1, 3, 4]);
  });

  it('has no headers when nothing is pinned, and one when everything is', () => {
    expect(listRows([summary('a', 2), summary('b', 1)]).rows.every((r) => r.kind === 'item')).toBe(true);
    const all = listRows([summary('a', 2, { pinned: true }), summary('b', 1, { pinned: true })]).rows;
    expect(all.filter((r) => r.kind === 'header').map((r) => r.key)).toEqual(['header:pinned']);
    expect(listRows([]).rows).toEqual([]);
  });

  it('moves by key across the whole list, not only the rows in the page', () => {
    expect(nextItemIndex('ArrowDown', 0, 300)).toBe(1);
    expect(nextItemIndex('ArrowDown', 299, 300)).toBe(299);
    expect(nextItemIndex('ArrowUp', 0, 300)).toBe(0);
    expect(nextItemIndex('ArrowDown', -1, 300)).toBe(0);
    expect(nextItemIndex('End', 3, 300)).toBe(299);
    expect(nextItemIndex('Home', 200, 300)).toBe(0);
    expect(nextItemIndex('PageDown', 295, 300)).toBe(299);
    expect(nextItemIndex('PageDown', 10, 300)).toBe(10 + PAGE_STEP);
    expect(nextItemIndex('PageUp', 5, 300)).toBe(0);
    expect(nextItemIndex('Enter', 5, 300)).toBeUndefined();
    expect(nextItemIndex('ArrowDown', 0, 0)).toBeUndefined();
  });
});

describe('the Undo toast', () => {
  const base = deletedToast(1, { title: 'Plans', conversationId: 'c1', trashId: 't1', wasSelected: true });

  it('says what moved, offers Undo until it worked, and then says it was restored', () => {
    expect(toastText(base)).toBe('Moved “Plans” to the trash.');
    expect(canUndo(base)).toBe(true);
    const restoring = restoringToast(base);
    expect(canUndo(restoring)).toBe(false);
    expect(toastText(restoring)).toBe('Restoring “Plans”…');
    const restored = restoredToast(restoring);
    expect(canUndo(restored)).toBe(false);
    expect(toastText(restored)).toBe('Restored “Plans”.');
    expect(canUndo(undefined)).toBe(false);
  });

  it('keeps Undo after a failure, with the reason', () => {
    const failed = failedToast(restoringToast(base), {
      code: 'not-found',
      message: 'That item is no longer in the trash.',
      fix: 'Refresh the trash.',
      retryable: false,
    });
    expect(canUndo(failed)).toBe(true);
    expect(toastText(failed)).toBe(
      '“Plans” could not be restored: That item is no longer in the trash. Refresh the trash.',
    );
    // A new try clears the old reason.
    expect(restoringToast(failed).error).toBeUndefined();
  });

  it('stays 8 s, a short while after restoring, and as long as a restore takes', () => {
    expect(toastLifetime(base)).toBe(TOAST_MS);
    expect(TOAST_MS).toBe(8_000);
    expect(toastLifetime(restoringToast(base))).toBeUndefined();
    expect(toastLifetime(restoredToast(base))).toBe(RESTORED_MS);
    expect(resumeDelay(6_000)).toBe(6_000);
    expect(resumeDelay(-50)).toBe(RESUME_MIN_MS);
  });

  it('names an untitled conversation as the list does', () => {
    expect(deletedToast(2, { title: '', conversationId: 'c', trashId: 't', wasSelected: false }).title).toBe(
      'New chat',
    );
  });
});

describe('library wording', () => {
  it('reports an import: how many, and how many got new ids', () => {
    const imported = [summary('a', 1)];
    expect(importSummary({ imported, renamed: 0 })).toBe('Imported 1 conversation.');
    expect(importSummary({ imported, renamed: 1 })).toBe(
      'Imported 1 conversation (1 got a new id because its id was in use).',
    );
    expect(importSummary({ imported: [...imported, summary('b', 2), summary('c', 3)], renamed: 2 })).toBe(
      'Imported 3 conversations (2 got new ids because theirs were in use).',
    );
    expect(importSummary({ imported, renamed: 0, skipped: 2 })).toBe(
      'Imported 1 conversation. 2 conversations were already here, unchanged, and skipped.',
    );
    expect(importSummary({ imported: [], renamed: 0, skipped: 1 })).toBe(
      'Nothing was imported: the conversation in the file is already here, unchanged.',
    );
    expect(importSummary({ imported: [], renamed: 0 })).toBe(
      'The file holds no conversations, so nothing was imported.',
    );
  });

  it('names trash items and the trash button', () => {
    expect(trashKindLabel('conversation')).toBe('Conversation');
    expect(trashKindLabel('turns')).toBe('Earlier version (replaced turns)');
    expect(trashButtonLabel(0)).toBe('Trash, empty');
    expect(trashButtonLabel(1)).toBe('Trash, 1 item');
    expect(trashButtonLabel(12)).toBe('Trash, 12 items');
  });

  it('says which data file a problem is about', () => {
    expect(problemSubject('/data/conversations/abc.json')).toBe('A conversation file');
    expect(problemSubject('C:\\data\\conversations\\abc.json')).toBe('A conversation file');
    expect(problemSubject('/data/trash/t1.json')).toBe('A file in the trash');
    expect(problemSubject('/data/index.json')).toBe('The conversation list (index.json)');
    expect(problemSubject('/data/desktop.json')).toBe('A data file');
    expect(sentence('the list was rebuilt')).toBe('The list was rebuilt.');
  });
});

describe('menus', () => {
  it('move with arrows (wrapping), jump with Home/End, and close with Escape or Tab', () => {
    expect(menuKeyAction('ArrowDown', 4, 5)).toBe(0);
    expect(menuKeyAction('ArrowUp', 0, 5)).toBe(4);
    expect(menuKeyAction('ArrowDown', -1, 5)).toBe(0);
    expect(menuKeyAction('Home', 3, 5)).toBe(0);
    expect(menuKeyAction('End', 0, 5)).toBe(4);
    expect(menuKeyAction('Escape', 2, 5)).toBe('close');
    expect(menuKeyAction('Tab', 2, 5)).toBe('close');
    expect(menuKeyAction('a', 2, 5)).toBeUndefined();
  });

  it('open under their button, right-aligned, and above it when there is no room below', () => {
    const viewport = { width: 1000, height: 700 };
    const menu = { width: 200, height: 180 };
    expect(menuPlacement({ top: 100, bottom: 130, right: 250 }, menu, viewport)).toEqual({
      top: 134,
      left: 50,
    });
    expect(menuPlacement({ top: 600, bottom: 630, right: 250 }, menu, viewport)).toEqual({
      top: 416,
      left: 50,
    });
    // Never off the left edge.
    expect(menuPlacement({ top: 100, bottom: 130, right: 60 }, menu, viewport).left).toBe(8);
  });
});
