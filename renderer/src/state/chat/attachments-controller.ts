import type { AssistantApi } from '../../../../shared/contract/api';
import { ATTACHMENTS_PER_MESSAGE_MAX } from '../../../../shared/domain/attachment-limits';
import type { AttachmentPart } from '../../../../shared/domain/message-parts';
import type { PreparedUpload } from '../../attachments/prepare-upload';
import type { AppState } from '../app-state';
import type { Store } from '../core/create-store';
import {
  countedAttachments,
  replaceAttachment,
  withoutAttachment,
  withoutSent,
  type DraftAttachment,
} from './draft-attachments';

/** What the window does with a file (process, encode) and its thumbnails: passed in so tests need no canvas. */
export interface AttachmentIo {
  prepare: (file: File) => Promise<PreparedUpload>;
  previewUrl: (blob: Blob) => string;
  revokeUrl: (url: string) => void;
}

export const TOO_MANY = `A message takes at most ${ATTACHMENTS_PER_MESSAGE_MAX} attachments. Remove some, or send them in two messages.`;

/**
 * The composer's attachments: each file becomes a chip at once ("reading…"), is prepared in the
 * window, stored by main (`attachments.add` answers the part) and becomes ready — or is refused
 * with the reason. A chip removed while it was being read is simply forgotten when the answer comes.
 */
export class DraftAttachmentsController {
  #next = 0;

  constructor(
    private readonly api: AssistantApi,
    private readonly store: Store<AppState>,
    private readonly io: AttachmentIo,
  ) {}

  /** Adds files (picked, pasted or dropped); those over the per-message limit are refused. Resolves when all settled. */
  async add(files: readonly File[]): Promise<void> {
    const room = Math.max(0, ATTACHMENTS_PER_MESSAGE_MAX - countedAttachments(this.#list()));
    const chips = files.map((file, index): DraftAttachment => {
      const base = { id: `attachment-${++this.#next}`, name: file.name || 'pasted file', size: file.size };
      const kind = file.type.startsWith('image/') ? 'image' : 'file';
      return index < room
        ? { ...base, kind, status: 'reading' }
        : { ...base, kind, status: 'refused', reason: TOO_MANY };
    });
    this.#set((list) => [...list, ...chips]);
    await Promise.all(
      chips.map((chip, index) => (chip.status === 'reading' ? this.#read(chip, files[index]!) : undefined)),
    );
  }

  /** Removes a chip (sent or not, refused or not), letting its thumbnail go. */
  remove(id: string): void {
    const chip = this.#list().find((a) => a.id === id);
    if (chip?.previewUrl) this.io.revokeUrl(chip.previewUrl);
    this.#set((list) => withoutAttachment(list, id));
  }

  /** After a send: the chips whose parts went are cleared; their thumbnails now come from the transcript. */
  clearSent(parts: readonly AttachmentPart[]): void {
    const sent = new Set(parts.map((p) => p.id));
    for (const chip of this.#list())
      if (chip.status === 'ready' && sent.has(chip.part.id) && chip.previewUrl)
        this.io.revokeUrl(chip.previewUrl);
    this.#set((list) => withoutSent(list, parts));
  }

  /** Sends only the first `chars` characters of a document (undefined: all of it again). */
  setCut(id: string, chars: number | undefined): void {
    this.#set((list) =>
      list.map((chip) => {
        if (chip.id !== id || chip.status !== 'ready' || chip.part.type !== 'file') return chip;
        const { cutToChars: _previous, ...rest } = chip.part;
        return { ...chip, part: chars === undefined ? rest : { ...rest, cutToChars: chars } };
      }),
    );
  }

  async #read(chip: DraftAttachment, file: File): Promise<void> {
    const prepared = await this.io.prepare(file);
    if (!this.#has(chip.id)) return;
    if (!prepared.ok) return this.#refuse(chip, prepared.reason, prepared.kind);
    const previewUrl = prepared.preview ? this.io.previewUrl(prepared.preview) : undefined;
    const withPreview: DraftAttachment = {
      ...chip,
      kind: prepared.kind,
      ...(previewUrl ? { previewUrl } : {}),
    };
    this.#set((list) => replaceAttachment(list, chip.id, withPreview));
    const stored = await this.api.invoke('attachments.add', prepared.input);
    // Removed meanwhile: `remove` let its thumbnail go.
    if (!this.#has(chip.id)) return;
    if (!stored.ok) {
      if (previewUrl) this.io.revokeUrl(previewUrl);
      return this.#refuse(chip, `${stored.error.message} ${stored.error.fix}`.trim(), prepared.kind);
    }
    const part = stored.value;
    const ready: DraftAttachment = {
      ...withPreview,
      kind: part.type,
      size: part.size,
      status: 'ready',
      part,
    };
    this.#set((list) => replaceAttachment(list, chip.id, ready));
  }

  #refuse(chip: DraftAttachment, reason: string, kind: 'image' | 'file'): void {
    const { previewUrl: _dropped, ...rest } = chip;
    this.#set((list) => replaceAttachment(list, chip.id, { ...rest, kind, status: 'refused', reason }));
  }

  #list(): readonly DraftAttachment[] {
    return this.store.getState().draftAttachments;
  }

  #has(id: string): boolean {
    return this.#list().some((a) => a.id === id);
  }

  #set(change: (list: readonly DraftAttachment[]) => DraftAttachment[]): void {
    this.store.setState((state) => ({ draftAttachments: change(state.draftAttachments) }));
  }
}
