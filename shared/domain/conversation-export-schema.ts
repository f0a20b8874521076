import { z } from 'zod';
import { ID_MAX, IMPORT_MESSAGES_MAX, MODEL_ID_MAX, TITLE_MAX, tooLong } from '../contract/limits';
import { conversationSchema, messageSchema } from './conversation';
import { revealBidiControls } from './bidi-controls';
import { ATTACHMENT_BASE64_MAX } from './attachment-limits';
import { attachmentHashSchema } from './message-parts';

/**
 * A conversation as an import accepts it: the stored shape with the limits the routes apply to
 * what lands in the index (title, ids, model names), so a crafted file cannot put a megabyte into
 * the index that every later write rewrites. Message text is bounded only by the file's size: a
 * reply may be as long as the model made it. The stored shape itself stays unbounded, so
 * conversations already on disk keep loading.
 */
const importedId = z.string().min(1).max(ID_MAX, tooLong('The id', ID_MAX));
const importedModel = z.string().max(MODEL_ID_MAX, tooLong('The model name', MODEL_ID_MAX));
const importedMessageSchema = messageSchema.extend({
  id: importedId,
  model: importedModel.optional(),
  profileId: importedId.optional(),
  profileName: z.string().max(TITLE_MAX, tooLong('The profile name', TITLE_MAX)).optional(),
  presetId: importedId.optional(),
});
export const importedConversationSchema = conversationSchema.extend({
  id: importedId,
  // A title is shown in many places as plain text: direction controls in it are made visible.
  title: z.string().max(TITLE_MAX, tooLong('The title', TITLE_MAX)).transform(revealBidiControls),
  model: importedModel.optional(),
  profileId: importedId.optional(),
  chosenModel: importedModel.optional(),
  messages: z
    .array(importedMessageSchema)
    .max(
      IMPORT_MESSAGES_MAX,
      `A conversation holds at most ${IMPORT_MESSAGES_MAX.toLocaleString('en-US')} messages.`,
    ),
});

/**
 * The attachments a JSON export embeds, by SHA-256 of their bytes: every image, document and
 * document text its conversations reference. The import checks each hash against the bytes.
 */
export const exportedAttachmentsSchema = z.record(
  attachmentHashSchema,
  z
    .object({
      mimeType: z.string().max(100, tooLong('The attachment type', 100)),
      dataBase64: z.string().max(ATTACHMENT_BASE64_MAX, 'An attachment in the file is over 20 MB.'),
    })
    .strict(),
);
export type ExportedAttachments = z.infer<typeof exportedAttachmentsSchema>;
