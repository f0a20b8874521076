import { createHash } from 'node:crypto';
import type { Conversation } from '../../../shared/domain/conversation';
import type { ExportedAttachments } from '../../../shared/domain/conversation-export-schema';
import { referencedAttachmentTypes } from '../../../shared/domain/conversation-export';
import { userError } from '../../../shared/domain/errors';
import { AppError } from '../app-error';
import type { StoreCore } from './store-core';

/**
 * Attachments in JSON exports: embedded as base64 by hash, so an import on another machine has
 * them; checked against their hash on the way in, so a changed file cannot put other bytes under a
 * name the conversations trust.
 */

/** Every stored attachment the conversations reference (one missing from the data folder is left out). */
export function embeddedAttachments(
  core: StoreCore,
  conversations: readonly Conversation[],
): ExportedAttachments {
  const files = core.options.attachments;
  const embedded: ExportedAttachments = {};
  if (!files) return embedded;
  for (const [hash, mimeType] of referencedAttachmentTypes(conversations)) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = files.read(hash);
    } catch (error) {
      // Damaged on disk: the export goes on without it rather than failing whole.
      console.warn(`[store] attachment ${hash} left out of the export:`, error);
    }
    if (bytes) embedded[hash] = { mimeType, dataBase64: Buffer.from(bytes).toString('base64') };
  }
  return embedded;
}

/**
 * The embedded attachments the imported conversations reference, decoded and checked against their
 * hash before anything is written; a mismatch refuses the whole import.
 */
export function checkedImportAttachments(
  conversations: readonly Conversation[],
  embedded: ExportedAttachments,
): Map<string, Buffer> {
  const checked = new Map<string, Buffer>();
  for (const hash of referencedAttachmentTypes(conversations).keys()) {
    const entry = embedded[hash];
    if (!entry) continue; // not embedded: the part stays, shown as no longer stored
    const bytes = Buffer.from(entry.dataBase64, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== hash) {
      throw new AppError(
        userError(
          'invalid-input',
          `An attachment in the file (${hash.slice(0, 12)}…) does not match its fingerprint: the file was changed or damaged, so nothing was imported.`,
          'Export the conversations again from the app that made the file, and import that.',
        ),
      );
    }
    checked.set(hash, bytes);
  }
  return checked;
}

/** Stores the checked attachments (once each) before the conversations that point at them. */
export function storeImportAttachments(core: StoreCore, checked: ReadonlyMap<string, Buffer>): void {
  const files = core.options.attachments;
  if (!files) return;
  for (const bytes of checked.values()) files.put(bytes);
}
