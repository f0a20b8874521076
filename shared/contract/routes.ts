import { z } from 'zod';
import type { Conversation, ConversationSummary, Message } from '../domain/conversation';
import type { SettingsView } from '../domain/settings';
import {
  profileInputSchema,
  profilePatchSchema,
  type ConnectionReport,
  type ModelInfo,
  type ProfileStatus,
  type ProfileView,
} from '../domain/profiles';
import type { StoreProblem } from '../domain/store-problem';

/**
 * Every request the renderer can make of main: the runtime schema of its input and the type of
 * its answer. Preload, IPC adapter, browser host, renderer client and tests all derive from this
 * one table; nothing else spells a route's name or shape.
 */
const id = z.string().min(1).max(200);
const none = z.undefined().or(z.object({}).strict());

/** The answer type of a route, carried by a phantom field so the table holds both sides. */
const answer = <T>() => undefined as unknown as T;

export const routes = {
  'conversations.list': { input: none, output: answer<ConversationSummary[]>() },
  'conversations.create': { input: none, output: answer<ConversationSummary>() },
  'conversations.get': { input: z.object({ id }).strict(), output: answer<Conversation>() },
  'conversations.delete': { input: z.object({ id }).strict(), output: answer<{ id: string }>() },

  'chat.send': {
    input: z
      .object({
        conversationId: id,
        text: z.string().trim().min(1, 'The message is empty.').max(200_000, 'The message is too long.'),
      })
      .strict(),
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
  /** Idempotent: cancelling a stream that already ended answers ok with `cancelled: false`. */
  'chat.cancel': { input: z.object({ streamId: id }).strict(), output: answer<{ cancelled: boolean }>() },

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
  /** Tests a saved profile, or an unsaved draft (using the saved key of `id` when the draft sets none). */
  'profiles.test': {
    input: z.union([
      z.object({ id }).strict(),
      z.object({ draft: profileInputSchema, id: id.optional() }).strict(),
    ]),
    output: answer<ConnectionReport>(),
  },
  'models.list': {
    input: z.object({ profileId: id.optional() }).strict().optional(),
    output: answer<{ models: ModelInfo[] }>(),
  },
  /** Switches a conversation's backend and model; its history is kept and sent to the new one. */
  'conversations.setBackend': {
    input: z
      .object({ conversationId: id, profileId: id, model: z.string().trim().min(1).max(300).nullable() })
      .strict(),
    output: answer<ConversationSummary>(),
  },
  'store.problems': { input: none, output: answer<StoreProblem[]>() },
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
