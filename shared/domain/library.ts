import type { ConversationSummary, Message } from './conversation';

/**
 * The conversation library beyond chatting: the trash, search and import. Pure types and limits,
 * shared by main (which enforces them) and the renderer (which shows them).
 */

/** The longest search query the app accepts (characters). */
export const SEARCH_QUERY_MAX = 200;
/** Search answers at most this many hits by default, and never more than `SEARCH_LIMIT_MAX`. */
export const SEARCH_LIMIT_DEFAULT = 50;
export const SEARCH_LIMIT_MAX = 500;
/** The largest import file (characters of JSON): far above any real export, below what would stall the app. */
export const IMPORT_MAX_CHARS = 100_000_000;

/**
 * Something deleted that can still be restored until the trash is emptied. `conversation`: a
 * whole conversation, restored as it was. `turns`: the messages an edit-and-resend replaced; the
 * conversation as it was before the edit is restored as a new conversation "<title> (earlier version)".
 */
export interface TrashItem {
  id: string;
  kind: 'conversation' | 'turns';
  conversationId: string;
  title: string;
  deletedAt: number;
  /** `conversation`: its messages; `turns`: the messages the edit replaced. */
  messageCount: number;
}

/**
 * One place a query was found: a title (no `messageId`) or a message. `snippet` is one line of the
 * text around the match; `matchStart`/`matchLength` locate the match inside the snippet.
 */
export interface SearchHit {
  conversationId: string;
  title: string;
  messageId?: string;
  role?: Message['role'];
  snippet: string;
  matchStart: number;
  matchLength: number;
}

/** What an import did. Nothing is merged: an id already in use gets a fresh one. */
export interface ImportReport {
  imported: ConversationSummary[];
  /** Conversations whose id was already in use (or unusable) and got a fresh id. */
  renamed: number;
  /** Conversations identical to one already here (same id, title and messages): not imported twice. */
  skipped?: number;
}
