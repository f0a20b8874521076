import { z } from 'zod';
import { conversationSummarySchema, messageSchema } from '../../../shared/domain/conversation';
import { profileKinds, profileParamsSchema } from '../../../shared/domain/profiles';
import { reasoningEffortSchema } from '../../../shared/domain/reasoning-effort';

/** Ids become file names, so only this shape is ever turned into a path. */
const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

export const isValidId = (id: unknown): id is string => typeof id === 'string' && idPattern.test(id);

/** `conversations/<id>.json`, and nothing else (moved-aside and temporary files have extra dots). */
export const conversationFileName = /^([A-Za-z0-9_-]{1,100})\.json$/;

/** The version this app writes; older files are migrated (see migrations/), newer ones left alone. */
export const SCHEMA_VERSION = 3;

/** A backend profile on disk: the key only as ciphertext (base64), never in the clear. */
export const storedProfileSchema = z.object({
  id: z.string().regex(idPattern),
  name: z.string(),
  kind: z.enum(profileKinds),
  baseUrl: z.string(),
  defaultModel: z.string().optional(),
  params: profileParamsSchema,
  apiKeyCipher: z.string().optional(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

/** Settings as the store's callers see them; `profiles` and `defaultProfileId` live in `profiles.json`. */
export interface StoredSettings {
  /** Before profiles: the one backend URL and model (migrated into a profile on open). */
  baseUrl?: string;
  model?: string;
  profiles?: StoredProfile[];
  defaultProfileId?: string;
}

export const storedSettingsSchema: z.ZodType<StoredSettings> = z.object({
  baseUrl: z.string().optional(),
  model: z.string().optional(),
  profiles: z.array(storedProfileSchema).optional(),
  defaultProfileId: z.string().optional(),
});
export const settingsKeys = ['baseUrl', 'model', 'profiles', 'defaultProfileId'] as const;

/** `profiles.json`: the backend profiles and the default, in their own file so a damaged index cannot lose them. */
export const profilesFileSchema = z.object({
  // Unchanged since it appeared in v2: a v2 file (or backup) is read as it is, and written at this version.
  schemaVersion: z.number().int().min(2).max(SCHEMA_VERSION),
  profiles: z.array(storedProfileSchema),
  defaultProfileId: z.string().optional(),
});
export type ProfilesFile = z.infer<typeof profilesFileSchema>;
export type StoredProfiles = Omit<ProfilesFile, 'schemaVersion'>;
export const profileKeys = ['profiles', 'defaultProfileId'] as const;

/**
 * Something in the trash, as the index records it; its messages are in `trash/<id>.json` (a
 * conversation file). `conversation`: the deleted conversation's own file, moved there. `turns`: a
 * copy of the conversation as it was before an edit replaced `messageCount` messages.
 */
export const trashEntrySchema = z.object({
  id: z.string().regex(idPattern),
  kind: z.enum(['conversation', 'turns']),
  conversationId: z.string().regex(idPattern),
  deletedAt: z.number(),
  messageCount: z.number().int().nonnegative(),
  /** The summary as it was (title, pin, backend), so a restore brings it back exactly. */
  summary: conversationSummarySchema,
});
export type TrashEntry = z.infer<typeof trashEntrySchema>;

/** `index.json`: settings, one summary per conversation and one entry per trash item, keyed by id. */
export const indexFileSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    settings: storedSettingsSchema,
    conversations: z.record(z.string().regex(idPattern), conversationSummarySchema),
    trash: z.record(z.string().regex(idPattern), trashEntrySchema),
  })
  .superRefine((index, ctx) => {
    for (const [list, entries] of [
      ['conversations', index.conversations],
      ['trash', index.trash],
    ] as const) {
      for (const [key, entry] of Object.entries(entries)) {
        if (entry.id !== key) {
          ctx.addIssue({ code: 'custom', path: [list, key, 'id'], message: `id is not "${key}"` });
        }
      }
    }
  });
export type IndexFile = z.infer<typeof indexFileSchema>;

/**
 * `conversations/<id>.json` (and `trash/<trash id>.json`): the messages of one conversation, and what
 * the user set on it (backend, title, pin), so a rebuilt index loses none of it. The user fields are
 * optional (files from before them still load, and their absence means "not known here"). Messages
 * are made of parts since version 3 (see migrations/v2-to-v3.ts).
 */
export const conversationFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().regex(idPattern),
  createdAt: z.number(),
  messages: z.array(messageSchema),
  /** The conversation's backend; kept here too so a rebuilt index does not forget it. */
  profileId: z.string().optional(),
  chosenModel: z.string().optional(),
  /** Written by every save since they exist: `pinned` present means these fields are known. */
  pinned: z.boolean().optional(),
  /** The user's own title (absent: the title follows the first message). */
  title: z.string().optional(),
  /** The conversation's own reasoning effort (absent: the profile's, or none sent). */
  reasoningEffort: reasoningEffortSchema.optional(),
  /** The tool sources turned on here (absent: none). */
  tools: z.array(z.string()).optional(),
  /** Messages that failed validation, kept as they were read (never lost, never shown). */
  setAside: z.array(z.unknown()).optional(),
});
export type ConversationFile = z.infer<typeof conversationFileSchema>;

/** The same file checked loosely, so one bad message can be set aside instead of the whole conversation. */
export const conversationFileShapeSchema = conversationFileSchema.extend({ messages: z.array(z.unknown()) });

/** The first few schema issues, on one line, for a problem report. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const issues = error.issues.slice(0, max).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return issues.join('; ') + more;
}
