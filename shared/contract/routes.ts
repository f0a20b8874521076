import { z } from 'zod';
import type { Conversation, ConversationSummary, Message } from '../domain/conversation';
import type { SettingsView } from '../domain/settings';
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
  /** Idempotent: cancelling a stream that already ended answers ok with `cancelled: false`. */
  'chat.cancel': { input: z.object({ streamId: id }).strict(), output: answer<{ cancelled: boolean }>() },

  'settings.get': { input: none, output: answer<SettingsView>() },
  'settings.update': {
    input: z
      .object({
        baseUrl: z.string().max(2_000).optional(),
        model: z.string().trim().min(1).max(300).optional(),
      })
      .strict(),
    output: answer<SettingsView>(),
  },
  'models.list': { input: none, output: answer<{ models: string[] }>() },
  'store.problems': { input: none, output: answer<StoreProblem[]>() },
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteInput<R extends RouteName> = z.input<Routes[R]['input']>;
export type RouteParsedInput<R extends RouteName> = z.output<Routes[R]['input']>;
export type RouteOutput<R extends RouteName> = Routes[R]['output'];

export const routeNames = Object.keys(routes) as RouteName[];

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && Object.hasOwn(routes, name);
}
