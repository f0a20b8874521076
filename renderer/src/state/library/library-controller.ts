import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type { ConversationExportFormat } from '../../../../shared/domain/conversation-export';
import type { ConversationSummary } from '../../../../shared/domain/conversation';
import type { UserError } from '../../../../shared/domain/errors';
import type { ExportedFile } from '../../../../shared/domain/exported-file';
import { IMPORT_MAX_CHARS, type ImportReport, type TrashItem } from '../../../../shared/domain/library';
import type { Connection } from '../../bridge/connection';
import { downloadFile } from '../../format/download-file';
import type { AppState } from '../app-state';
import { createStore, type Store } from '../core/create-store';
import { importSummary } from './library-format';
import { LibrarySearch } from './library-search';
import {
  canUndo,
  deletedToast,
  failedToast,
  restoredToast,
  restoringToast,
  resumeDelay,
  toastLifetime,
  type UndoToast,
} from './library-toast';

export interface LibraryState {
  /** Newest first, as `trash.list` and `trash.changed` send it. */
  trash: TrashItem[];
  trashLoaded: boolean;
  toast: UndoToast | undefined;
}

export const initialLibraryState: LibraryState = { trash: [], trashLoaded: false, toast: undefined };

/** What the library needs of the app controller (which it is in the app, and a stand-in in tests). */
export interface LibraryHost {
  readonly store: Store<AppState>;
  /** Moves a conversation to the trash and opens a neighbour if it was open; the trash id, or undefined (notified). */
  remove(id: string): Promise<string | undefined>;
  select(id: string): Promise<void>;
  upsertConversation(summary: ConversationSummary): void;
  showNotice(error: UserError, context: string): void;
}

export type ImportOutcome =
  { ok: true; report: ImportReport; summary: string } | { ok: false; error: UserError };

interface Clock {
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The conversation library beyond chatting: delete to the trash with an Undo toast, the trash itself
 * (kept fresh by `trash.changed`), rename, pin, search, export and import. Components read `store`
 * (and `search.store`) and call these methods.
 */
export class LibraryController {
  readonly store: Store<LibraryState> = createStore(initialLibraryState);
  readonly search: LibrarySearch;
  #toastSeq = 0;
  #toastTimer: unknown;
  #toastDeadline = 0;
  /** Pointer or focus is on the toast: it stays until they leave. */
  #toastPaused = false;
  #toastRemaining = 0;
  #started = 0;

  constructor(
    private readonly api: AssistantApi,
    private readonly connection: Pick<Connection, 'getState' | 'subscribe'>,
    private readonly host: LibraryHost,
    private readonly clock: Clock = realClock,
    private readonly download: (file: ExportedFile) => void = downloadFile,
  ) {
    this.search = new LibrarySearch(api);
  }

  /** Subscribes to the trash and loads it; returns the unsubscribe. Safe to call from several views. */
  start(): () => void {
    this.#started++;
    let previous = this.connection.getState();
    const stops = [
      this.api.on('trash.changed', ({ items }) => this.#setTrash(items)),
      this.connection.subscribe(() => {
        const next = this.connection.getState();
        if (next === 'open' && previous !== 'open') void this.loadTrash();
        previous = next;
      }),
    ];
    void this.loadTrash();
    return () => {
      stops.forEach((stop) => stop());
      if (--this.#started === 0) {
        this.search.stop();
        this.#clearToastTimer();
      }
    };
  }

  async loadTrash(): Promise<void> {
    const listed = await this.api.invoke('trash.list');
    if (listed.ok) this.#setTrash(listed.value);
  }

  // --- delete and Undo -----------------------------------------------------------------------

  /** Moves a conversation to the trash at once and offers Undo. Resolves true when it moved. */
  async moveToTrash(conversation: ConversationSummary): Promise<boolean> {
    const wasSelected = this.host.store.getState().selectedId === conversation.id;
    const trashId = await this.host.remove(conversation.id);
    if (trashId === undefined) return false;
    this.#showToast(
      deletedToast(++this.#toastSeq, {
        title: conversation.title,
        conversationId: conversation.id,
        trashId,
        wasSelected,
      }),
    );
    return true;
  }

  /** Restores what the toast names; it says how that went. */
  async undo(): Promise<void> {
    const toast = this.store.getState().toast;
    if (!canUndo(toast)) return;
    this.#showToast(restoringToast(toast));
    const restored = await this.api.invoke('trash.restore', { trashId: toast.trashId });
    const current = this.store.getState().toast;
    if (!restored.ok) {
      if (current?.id === toast.id) this.#showToast(failedToast(current, restored.error));
      return;
    }
    this.host.upsertConversation(restored.value);
    this.#setTrash(this.store.getState().trash.filter((item) => item.id !== toast.trashId));
    if (current?.id === toast.id) this.#showToast(restoredToast(current));
    if (toast.wasSelected) await this.host.select(restored.value.id);
  }

  dismissToast(): void {
    this.#clearToastTimer();
    this.store.setState({ toast: undefined });
  }

  /** The pointer or focus is on the toast: it does not go away meanwhile. */
  pauseToast(): void {
    if (this.#toastPaused) return;
    this.#toastPaused = true;
    if (this.#toastTimer !== undefined) this.#toastRemaining = this.#toastDeadline - this.clock.now();
    this.#clearToastTimer();
  }

  resumeToast(): void {
    if (!this.#toastPaused) return;
    this.#toastPaused = false;
    const toast = this.store.getState().toast;
    if (toast && toastLifetime(toast) !== undefined)
      this.#armToast(toast.id, resumeDelay(this.#toastRemaining));
  }

  #showToast(toast: UndoToast): void {
    this.store.setState({ toast });
    const lifetime = toastLifetime(toast);
    this.#clearToastTimer();
    if (lifetime === undefined) return;
    if (this.#toastPaused) this.#toastRemaining = lifetime;
    else this.#armToast(toast.id, lifetime);
  }

  #armToast(id: number, ms: number): void {
    this.#clearToastTimer();
    this.#toastDeadline = this.clock.now() + ms;
    this.#toastTimer = this.clock.setTimeout(() => {
      this.#toastTimer = undefined;
      if (this.store.getState().toast?.id === id) this.store.setState({ toast: undefined });
    }, ms);
  }

  #clearToastTimer(): void {
    if (this.#toastTimer === undefined) return;
    this.clock.clearTimeout(this.#toastTimer);
    this.#toastTimer = undefined;
  }

  // --- the trash -----------------------------------------------------------------------------

  async restore(trashId: string): Promise<Result<ConversationSummary>> {
    const restored = await this.api.invoke('trash.restore', { trashId });
    if (restored.ok) {
      this.host.upsertConversation(restored.value);
      this.#setTrash(this.store.getState().trash.filter((item) => item.id !== trashId));
      const toast = this.store.getState().toast;
      // Restored from the trash instead: the toast's Undo has nothing left to do.
      if (toast?.trashId === trashId) this.dismissToast();
    }
    return restored;
  }

  async purge(trashId: string): Promise<Result<{ trashId: string }>> {
    const purged = await this.api.invoke('trash.purge', { trashId });
    if (purged.ok) {
      this.#setTrash(this.store.getState().trash.filter((item) => item.id !== trashId));
      if (this.store.getState().toast?.trashId === trashId) this.dismissToast();
    }
    return purged;
  }

  async emptyTrash(): Promise<Result<{ count: number }>> {
    const emptied = await this.api.invoke('trash.empty');
    if (emptied.ok) {
      this.#setTrash([]);
      if (canUndo(this.store.getState().toast)) this.dismissToast();
    }
    return emptied;
  }

  // --- rename, pin ---------------------------------------------------------------------------

  /** The answer goes back to the rename field, which shows a refusal at the field. */
  async rename(id: string, title: string): Promise<Result<ConversationSummary>> {
    const renamed = await this.api.invoke('conversations.rename', { id, title });
    if (renamed.ok) this.host.upsertConversation(renamed.value);
    return renamed;
  }

  async setPinned(id: string, pinned: boolean): Promise<boolean> {
    const changed = await this.api.invoke('conversations.pin', { id, pinned });
    if (!changed.ok) {
      this.host.showNotice(
        changed.error,
        pinned ? 'The conversation was not pinned.' : 'The conversation was not unpinned.',
      );
      return false;
    }
    this.host.upsertConversation(changed.value);
    return true;
  }

  // --- export, import ------------------------------------------------------------------------

  /** Exports the given conversations (none given: all) and offers the file as a download; its name, or undefined. */
  async exportConversations(
    ids: string[] | undefined,
    format: ConversationExportFormat,
  ): Promise<string | undefined> {
    const exported = await this.api.invoke('conversations.export', ids ? { ids, format } : { format });
    if (!exported.ok) {
      this.host.showNotice(
        exported.error,
        ids?.length === 1 ? 'The conversation was not exported.' : 'The conversations were not exported.',
      );
      return undefined;
    }
    this.download(exported.value);
    return exported.value.filename;
  }

  /** Imports a JSON export. A refusal changes nothing and says why. */
  async importText(text: string): Promise<ImportOutcome> {
    if (text.length > IMPORT_MAX_CHARS) {
      return {
        ok: false,
        error: {
          code: 'invalid-input',
          message: 'The file is too large to import (over 100 MB).',
          fix: 'Nothing was imported. Export fewer conversations at a time and import each file.',
          retryable: false,
        },
      };
    }
    const imported = await this.api.invoke('conversations.import', { content: text });
    if (!imported.ok) return { ok: false, error: imported.error };
    for (const summary of imported.value.imported) this.host.upsertConversation(summary);
    return { ok: true, report: imported.value, summary: importSummary(imported.value) };
  }

  #setTrash(items: TrashItem[]): void {
    this.store.setState({ trash: items, trashLoaded: true });
  }
}
