import { userError } from '../../../shared/domain/errors';
import { quoted } from '../../../shared/domain/excerpt';
import type { AttachmentPart } from '../../../shared/domain/message-parts';
import { AppError } from '../app-error';
import type { AttachmentReader } from '../attachments/attachment-reader';

/**
 * The attachments of a message about to be saved, each checked to be stored here (a client may send
 * any hash): read once through the reader, so an unknown one is refused before anything is saved.
 * Their part ids are given here (`a1`, `a2`, …), so they never clash with the text part's.
 */
export async function storedAttachments(
  attachments: readonly AttachmentPart[],
  reader: AttachmentReader | undefined,
): Promise<AttachmentPart[]> {
  if (attachments.length === 0) return [];
  if (!reader)
    throw new AppError(
      userError(
        'not-supported',
        'Attachments cannot be sent here: this app has no attachment storage.',
        'Remove the attachments and send the text alone.',
      ),
    );
  const stored: AttachmentPart[] = [];
  for (const [i, part] of attachments.entries()) {
    try {
      if (part.type === 'image') await reader.imageDataUrl(part);
      else await reader.documentText(part);
    } catch (error) {
      throw new AppError(
        userError(
          'not-found',
          `The attachment ${quoted(part.name)} is not stored here any more.`,
          'Remove it and attach the file again.',
          { detail: error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300) },
        ),
      );
    }
    if (part.type === 'file' && part.cutToChars !== undefined && part.cutToChars > part.textChars)
      throw new AppError(
        userError(
          'invalid-input',
          `The attachment ${quoted(part.name)} is cut after more characters than it has.`,
          'Remove it and attach the file again.',
        ),
      );
    stored.push({ ...part, id: `a${i + 1}` });
  }
  return stored;
}
