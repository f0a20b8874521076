import { z } from 'zod';
import type { Conversation, ConversationSummary, Message } from '../domain/conversation';
import type { LiveReply } from './chat-stream';
import { reasoningEffortSchema } from '../domain/reasoning-effort';
import { attachmentHashSchema, attachmentPartSchema, type AttachmentPart } from '../domain/message-parts';
import {
  ATTACHMENT_BASE64_MAX,
  ATTACHMENT_NAME_MAX,
  ATTACHMENTS_PER_MESSAGE_MAX,
} from '../domain/attachment-limits';
import type { SettingsView } from '../domain/settings';
import {
  profileInputSchema,
  profilePatchSchema,
  type ConnectionReport,
  type ModelCapabilities,
  type ModelInfo,
  type ProfileStatus,
  type ProfileView,
} from '../domain/profiles';
import type { StoreProblem } from '../domain/store-problem';
import { revealBidiControls } from '../domain/bidi-controls';
import type { BackupRestoreReport, BackupSummary } from '../domain/backups';
import { conversationExportFormats } from '../domain/conversation-export';
import {
  IMPORT_MAX_CHARS,
  SEARCH_LIMIT_MAX,
  SEARCH_QUERY_MAX,
  type ImportReport,
  type SearchHit,
  type TrashItem,
} from '../domain/library';
import type { ContextReport } from '../domain/context-budget';
import { presetInputSchema, systemPromptInputSchema, type SystemPromptPreset } from '../domain/presets';
import { desktopPatchSchema, mainWindowCommands, type DesktopView } from '../domain/desktop';
import type { ExportedFile } from '../domain/compare';
import { answer, id, none } from './route-helpers';
import { toolRoutes } from './tool-routes';
import { modelRoutes } from './model-routes';
import { compareRoutes } from './compare-routes';
import {
  COMPARE_PROMPT_MAX,
  EXPORT_IDS_MAX,
  MESSAGE_TEXT_MAX,
  MODEL_ID_MAX,
  TITLE_MAX,
  tooLong,
} from './limits';

/**
 * Every request the renderer can make of main: the runtime schema of its input and the type of
 * its answer. Preload, IPC adapter, browser host, renderer client and tests all derive from this
 * one table; nothing else spells a route's name or shape.
 */
/**
 * Message text: trimmed, at most `MESSAGE_TEXT_MAX` (a long pasted document fits). Empty only when
 * the message carries attachments (`notEmpty` checks the two together).
 */
const draftText = z
  .string()
  .trim()
  .max(MESSAGE_TEXT_MAX, tooLong('The message', MESSAGE_TEXT_MAX, 'Shorten it or split it into parts.'));
/** Attachments as `attachments.add` answered them (main checks each is stored). */
const attachmentList = z
  .array(attachmentPartSchema)
  .max(
    ATTACHMENTS_PER_MESSAGE_MAX,
    `A message takes at most ${ATTACHMENTS_PER_MESSAGE_MAX} attachments. Remove some, or send them in two messages.`,
  )
  .optional();
function notEmpty(value: { text: string; attachments?: unknown[] | undefined }, ctx: z.RefinementCtx): void {
  if (value.text === '' && !value.attachments?.length)
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'The message is empty.' });
}

export const routes = {
  'conversations.list': { input: none, output: answer<ConversationSummary[]>() },
  'conversations.create': { input: none, output: answer<ConversationSummary>() },
  'conversations.get': { input: z.object({ id }).strict(), output: answer<Conversation>() },
  /** Moves it to the trash; Undo is `trash.restore` with the answered `trashId`. */
  'conversations.delete': {
    input: z.object({ id }).strict(),
    output: answer<{ id: string; trashId: string }>(),
  },
  /** Names a conversation; its title then no longer follows the first message. */
  'conversations.rename': {
    input: z
      .object({
        id,
        // Shown as plain text in the list, header and window title: direction controls are made visible.
        title: z
          .string()
          .trim()
          .min(1, 'The title is empty.')
          .max(TITLE_MAX, tooLong('The title', TITLE_MAX))
          .transform(revealBidiControls),
      })
      .strict(),
    output: answer<ConversationSummary>(),
  },
  /** Pinned conversations are listed first (`conversations.list` answers pinned, then most recent). */
  'conversations.pin': {
    input: z.object({ id, pinned: z.boolean() }).strict(),
    output: answer<ConversationSummary>(),
  },
  /** Titles and message text, case-insensitive: title hits first, then messages, in list order. */
  'conversations.search': {
    input: z
      .object({
        query: z
          .string()
          .trim()
          .min(1, 'Type something to search for.')
          .max(SEARCH_QUERY_MAX, 'The search is too long.'),
        limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).optional(),
      })
      .strict(),
    output: answer<SearchHit[]>(),
  },
  /** One file with the chosen conversations (`ids` absent: all of them). */
  'conversations.export': {
    input: z
      .object({
        ids: z.array(id).min(1).max(EXPORT_IDS_MAX).optional(),
        format: z.enum(conversationExportFormats),
      })
      .strict(),
    output: answer<ExportedFile>(),
  },
  /** A JSON export, checked whole before anything is written; ids in use get fresh ids. */
  'conversations.import': {
    input: z
      .object({ content: z.string().max(IMPORT_MAX_CHARS, 'The file is too large to import (over 100 MB).') })
      .strict(),
    output: answer<ImportReport>(),
  },
  'trash.list': { input: none, output: answer<TrashItem[]>() },
  /** A deleted conversation comes back as it was; replaced turns come back as "<title> (earlier version)". */
  'trash.restore': { input: z.object({ trashId: id }).strict(), output: answer<ConversationSummary>() },
  /** Deletes one item for good. */
  'trash.purge': { input: z.object({ trashId: id }).strict(), output: answer<{ trashId: string }>() },
  /** Deletes everything in the trash for good. */
  'trash.empty': { input: none, output: answer<{ count: number }>() },

  /**
   * Stores one attachment (once per content, in the data folder) and answers the part to send it
   * with. Images come already downscaled and re-encoded by the window; main checks every file's
   * type by its bytes, its size, that it decodes, and reads a document's text (PDF included).
   */
  'attachments.add': {
    input: z
      .object({
        name: z
          .string()
          .trim()
          .min(1, 'The file has no name.')
          .max(ATTACHMENT_NAME_MAX, tooLong('The file name', ATTACHMENT_NAME_MAX)),
        mimeType: z.string().max(100, tooLong('The file type', 100)),
        dataBase64: z.string().max(ATTACHMENT_BASE64_MAX, 'The file is over 20 MB. Attach a smaller one.'),
      })
      .strict(),
    output: answer<AttachmentPart>(),
  },
  /** A stored image as a data URL, for thumbnails and the larger view. */
  'attachments.image': {
    input: z.object({ hash: attachmentHashSchema }).strict(),
    output: answer<{ dataUrl: string }>(),
  },

  'chat.send': {
    input: z
      .object({
        conversationId: id,
        text: draftText,
        attachments: attachmentList,
      })
      .strict()
      .superRefine(notEmpty),
    output: answer<{ streamId: string; userMessage: Message; replyId: string }>(),
  },
  /**
   * Edits an earlier message of the user's and sends it again: that message and every turn after it
   * move to the trash as one `turns` item (restorable as "<title> (earlier version)"), then the edited
   * text is sent like `chat.send`. Refused while a reply streams (`busy`).
   */
  'chat.editAndResend': {
    input: z
      .object({
        conversationId: id,
        messageId: id,
        text: draftText,
        /** The attachments the edited message keeps (absent: none). */
        attachments: attachmentList,
      })
      .strict()
      .superRefine(notEmpty),
    output: answer<{ streamId: string; userMessage: Message; replyId: string }>(),
  },
  /** Runs the last user turn again, replacing a failed, cancelled or incomplete reply. */
  'chat.retry': {
    input: z.object({ conversationId: id }).strict(),
    output: answer<{ streamId: string; replyId: string }>(),
  },
  /** Goes on from the last reply when it was cut off or stopped, appending to it. */
  'chat.continue': {
    input: z.object({ conversationId: id }).strict(),
    output: answer<{ streamId: string; replyId: string }>(),
  },
  /**
   * Shows another version of a turn (‹ 1/2 ›): the tail from `messageId` on is swapped for version
   * `version` (0-based), and the conversation continues from it. Refused while a reply streams.
   */
  'chat.showVersion': {
    input: z
      .object({ conversationId: id, messageId: id, version: z.number().int().min(0).max(1_000) })
      .strict(),
    output: answer<Conversation>(),
  },
  /**
   * The replies streaming now, each as far as it got with the `seq` it reached: a window that opens
   * (or reconnects) mid-stream shows them and applies only later events, without guessing.
   */
  'chat.streams': { input: none, output: answer<LiveReply[]>() },
  /** Idempotent: cancelling a stream that already ended answers ok with `cancelled: false`. */
  'chat.cancel': { input: z.object({ streamId: id }).strict(), output: answer<{ cancelled: boolean }>() },
  /**
   * What the next request of a conversation would hold against the model's context: which messages
   * would be sent or left out, and how full the context is. `draft`: the message being typed.
   */
  'chat.context': {
    input: z
      .object({
        conversationId: id,
        draft: z
          .string()
          .max(
            MESSAGE_TEXT_MAX,
            tooLong('The message', MESSAGE_TEXT_MAX, 'Shorten it or split it into parts.'),
          )
          .optional(),
        /** The draft's attachments, counted like the message they will be part of. */
        draftAttachments: attachmentList,
      })
      .strict(),
    output: answer<ContextReport>(),
  },
  /** Sets, edits or (with an empty prompt) removes a conversation's system prompt; refused while a reply streams. */
  'conversations.setSystemPrompt': { input: systemPromptInputSchema, output: answer<Conversation>() },

  /** System prompt presets: the built-ins first (they cannot be changed or deleted), then the user's. */
  'presets.list': { input: none, output: answer<SystemPromptPreset[]>() },
  /** Creates a preset, or replaces the user's preset `id`; names are unique. */
  'presets.save': { input: presetInputSchema, output: answer<SystemPromptPreset>() },
  'presets.delete': { input: z.object({ id }).strict(), output: answer<{ id: string }>() },

  'settings.get': { input: none, output: answer<SettingsView>() },

  'profiles.list': { input: none, output: answer<ProfileList>() },
  'profiles.create': { input: profileInputSchema, output: answer<ProfileView>() },
  'profiles.update': {
    input: z.object({ id, patch: profilePatchSchema }).strict(),
    output: answer<ProfileView>(),
  },
  'profiles.duplicate': { input: z.object({ id }).strict(), output: answer<ProfileView>() },
  /** How much depends on a profile, so the UI can ask for a replacement before deleting it. */
  'profiles.usage': {
    input: z.object({ id }).strict(),
    output: answer<{ conversations: number; isDefault: boolean }>(),
  },
  /** A profile that is the default or used by conversations needs `replacementId`, or fails with `needs-replacement`. */
  'profiles.delete': {
    input: z.object({ id, replacementId: id.optional() }).strict(),
    output: answer<{ id: string; reassigned: number }>(),
  },
  'profiles.setDefault': { input: z.object({ id }).strict(), output: answer<SettingsView>() },
  /**
   * Tests a saved profile, or an unsaved draft (using the saved key of `id` when the draft sets none).
   * `completion`: also send a one-token completion to prove the key (always done for local profiles).
   */
  'profiles.test': {
    input: z.union([
      z.object({ id, completion: z.boolean().optional() }).strict(),
      z.object({ draft: profileInputSchema, id: id.optional(), completion: z.boolean().optional() }).strict(),
    ]),
    output: answer<ConnectionReport>(),
  },
  /**
   * What one model can do, as its server says (Ollama's `/api/show`, LM Studio's listing, a table
   * for OpenAI); unknown fields are left out. Asked when an image is attached, to warn before
   * sending it to a model that cannot see.
   */
  'models.capabilities': {
    input: z
      .object({
        profileId: id,
        model: z
          .string()
          .trim()
          .min(1, 'The model name is empty.')
          .max(MODEL_ID_MAX, tooLong('The model name', MODEL_ID_MAX, 'Use the id the backend lists.')),
      })
      .strict(),
    output: answer<ModelCapabilities>(),
  },
  'models.list': {
    input: z.object({ profileId: id.optional() }).strict().optional(),
    output: answer<{ models: ModelInfo[] }>(),
  },
  /** Switches a conversation's backend and model; its history is kept and sent to the new one. */
  /** Sets (or with `null` clears) how hard a reasoning model thinks in this conversation; overrides the profile's. */
  'conversations.setReasoningEffort': {
    input: z.object({ conversationId: id, reasoningEffort: reasoningEffortSchema.nullable() }).strict(),
    output: answer<ConversationSummary>(),
  },
  'conversations.setBackend': {
    input: z
      .object({
        conversationId: id,
        profileId: id,
        model: z
          .string()
          .trim()
          .min(1, 'The model name is empty.')
          .max(MODEL_ID_MAX, tooLong('The model name', MODEL_ID_MAX, 'Use the id the backend lists.'))
          .nullable(),
      })
      .strict(),
    output: answer<ConversationSummary>(),
  },
  'store.problems': { input: none, output: answer<StoreProblem[]>() },

  /** Desktop preferences and what the shell could apply (shortcut registered, tray present). */
  'desktop.get': { input: none, output: answer<DesktopView>() },
  /** An invalid or taken shortcut fails with `fields.shortcut`; the previous shortcut stays active. */
  'desktop.update': {
    input: z.object({ patch: desktopPatchSchema }).strict(),
    output: answer<DesktopView>(),
  },
  /** The tray window's Escape: hides it (no-op where there is no tray window). */
  'tray.hide': { input: none, output: answer<{ hidden: boolean }>() },
  /**
   * The tray window hands work to the main window: shows and focuses it (creating it if needed),
   * then sends it the command. `shown: false` where there is no main window to show (browser host).
   */
  'window.showMain': {
    input: z
      .object({
        command: z.enum(mainWindowCommands),
        conversationId: id.optional(),
        profileId: id.optional(),
        prompt: z.string().max(COMPARE_PROMPT_MAX, tooLong('The prompt', COMPARE_PROMPT_MAX)).optional(),
      })
      .strict(),
    output: answer<{ shown: boolean }>(),
  },

  ...compareRoutes,

  /** Rolling backups of the conversation list (titles, pins, trash, settings) and the profiles, newest first. */
  'backups.list': { input: none, output: answer<BackupSummary[]>() },
  /** Puts a backup back; the state it replaces is backed up first. Conversations keep their own files. */
  'backups.restore': { input: z.object({ id }).strict(), output: answer<BackupRestoreReport>() },

  ...toolRoutes,
  ...modelRoutes,
} as const;

export interface ProfileList {
  profiles: ProfileView[];
  defaultProfileId: string;
  statuses: ProfileStatus[];
}

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteInput<R extends RouteName> = z.input<Routes[R]['input']>;
export type RouteParsedInput<R extends RouteName> = z.output<Routes[R]['input']>;
export type RouteOutput<R extends RouteName> = Routes[R]['output'];

export const routeNames = Object.keys(routes) as RouteName[];

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && Object.hasOwn(routes, name);
}
