import type { Migration } from './migration';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * v2: summaries may carry `pinned` and `titleEdited` (both optional, so v1 summaries are valid as
 * they are) and the index gains the trash. Conversation files only change their version number.
 */
export const v1ToV2: Migration = {
  to: 2,
  what: 'pinned and renamed conversations, and the trash',
  index: (data) => ({ ...data, schemaVersion: 2, trash: isRecord(data.trash) ? data.trash : {} }),
  conversation: (data) => ({ ...data, schemaVersion: 2 }),
};
