import { join } from 'node:path';
import type { ConversationSummary, Message } from '../../shared/domain/conversation';
import { textParts } from '../../shared/domain/message-content';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import {
  conversationFileSchema,
  indexFileSchema,
  SCHEMA_VERSION,
  type ConversationFile,
  type IndexFile,
  type StoredSettings,
} from '../../electron/services/store/store-schema';

/**
 * Conversations written straight into a data folder, as the app itself would have saved them
 * (the store's schema, through `conf`, its file engine), for tests and benchmarks that need long
 * threads without sending every message. Run it before the host starts: the host reads the folder
 * once, at start.
 */
export interface SeedConversation {
  id: string;
  title: string;
  messages: Message[];
  profileId?: string;
  /** Listed first (a benchmark finds it in a long list). */
  pinned?: boolean;
}

const START = Date.UTC(2025, 0, 6, 9, 0, 0);

/** Writes the index (with `settings`) and one file per conversation; validated against the store's schema. */
export function seedDataDir(
  dir: string,
  conversations: SeedConversation[],
  settings: StoredSettings = {},
): void {
  const summaries: Record<string, ConversationSummary> = {};
  for (const [n, conversation] of conversations.entries()) {
    const createdAt = conversation.messages[0]?.createdAt ?? START + n * 60_000;
    const file: ConversationFile = conversationFileSchema.parse({
      schemaVersion: SCHEMA_VERSION,
      id: conversation.id,
      createdAt,
      messages: conversation.messages,
      ...(conversation.profileId ? { profileId: conversation.profileId } : {}),
    });
    openConfStore({ cwd: join(dir, 'conversations'), name: conversation.id, defaults: {} }).store = file;
    const model = conversation.messages.findLast((m) => m.role === 'assistant')?.model;
    summaries[conversation.id] = {
      id: conversation.id,
      title: conversation.title,
      createdAt,
      updatedAt: conversation.messages.at(-1)?.createdAt ?? createdAt,
      messageCount: conversation.messages.length,
      ...(model ? { model } : {}),
      ...(conversation.profileId ? { profileId: conversation.profileId } : {}),
      ...(conversation.pinned ? { pinned: true } : {}),
      // The given title stays (it does not follow the first message).
      titleEdited: true,
    };
  }
  const index: IndexFile = indexFileSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    settings,
    conversations: summaries,
    trash: {},
  });
  openConfStore({ cwd: dir, name: 'index', defaults: {} }).store = index;
}

/** The user's message of turn `turn` (1-based): about 40 tokens that name the turn. */
export const seedQuestion = (turn: number) =>
  `Question ${turn}: please keep in mind this planning detail about the launch schedule, the budget owners, ` +
  `the vendor quotes and the review meeting we set for the end of the month.`;

/** The reply of turn `turn`: a short paragraph, and every `codeEvery`-th reply a fenced code block too. */
export function seedAnswer(turn: number, codeEvery = 0): string {
  const text = `Answer ${turn}: noted. The **review** is on the list, with the \`budget\` owners.`;
  if (codeEvery <= 0 || turn % codeEvery !== 0) return text;
  return (
    `${text}\n\n\`\`\`ts\n// Turn ${turn}\nexport function task${turn}(owner: string): string {\n` +
    `  const due = new Date(2025, 0, ${(turn % 28) + 1});\n  return \`\${owner} by \${due.toDateString()}\`;\n}\n\`\`\`\n\n` +
    `Anything else for turn ${turn}?`
  );
}

/**
 * `messages` messages (user and assistant alternating), with ids `<prefix>-m<n>`, optionally after a
 * system prompt (which does not count).
 */
export function seedThread(
  prefix: string,
  messages: number,
  options: { codeEvery?: number; system?: { content: string; presetId?: string }; model?: string } = {},
): Message[] {
  const model = options.model ?? 'llama3.2:1b';
  const out: Message[] = [];
  if (options.system)
    out.push({
      id: `${prefix}-system`,
      role: 'system',
      parts: textParts(options.system.content),
      createdAt: START - 1000,
      status: 'complete',
      ...(options.system.presetId ? { presetId: options.system.presetId } : {}),
    });
  for (let i = 0; i < messages; i++) {
    const turn = Math.floor(i / 2) + 1;
    const user = i % 2 === 0;
    out.push({
      id: `${prefix}-m${i}`,
      role: user ? 'user' : 'assistant',
      parts: textParts(user ? seedQuestion(turn) : seedAnswer(turn, options.codeEvery)),
      createdAt: START + i * 1000,
      status: 'complete',
      ...(user ? {} : { model, finishReason: 'stop' }),
    });
  }
  return out;
}
