import { z } from 'zod';
import { conversationSummarySchema, messageSchema } from '../../../shared/domain/conversation';
import { profileKinds, profileParamsSchema } from '../../../shared/domain/profiles';

/** Ids become file names, so only this shape is ever turned into a path. */
const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

export const isValidId = (id: unknown): id is string => typeof id === 'string' && idPattern.test(id);

/** `conversations/<id>.json`, and nothing else (moved-aside and temporary files have extra dots). */
export const conversationFileName = /^([A-Za-z0-9_-]{1,100})\.json$/;

export const SCHEMA_VERSION = 1;

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

/** `index.json`: settings and one summary per conversation, keyed by id. */
export const indexFileSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    settings: storedSettingsSchema,
    conversations: z.record(z.string().regex(idPattern), conversationSummarySchema),
  })
  .superRefine((index, ctx) => {
    for (const [key, summary] of Object.entries(index.conversations)) {
      if (summary.id !== key) {
        ctx.addIssue({ code: 'custom', path: ['conversations', key, 'id'], message: `id is not "${key}"` });
      }
    }
  });
export type IndexFile = z.infer<typeof indexFileSchema>;

/** `conversations/<id>.json`: the messages of one conversation (its title lives in the index). */
export const conversationFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().regex(idPattern),
  createdAt: z.number(),
  messages: z.array(messageSchema),
  /** The conversation's backend; kept here too so a rebuilt index does not forget it. */
  profileId: z.string().optional(),
  chosenModel: z.string().optional(),
});
export type ConversationFile = z.infer<typeof conversationFileSchema>;

/** The first few schema issues, on one line, for a problem report. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const issues = error.issues.slice(0, max).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return issues.join('; ') + more;
}
