import type { ConversationSummary } from '../domain/conversation';
import type { StoreProblem } from '../domain/store-problem';
import type { SettingsView } from '../domain/settings';
import type { ChatStreamEvent } from './chat-stream';

/** Everything main pushes to the renderer, by event name. */
export type EventMap = {
  'chat.stream': ChatStreamEvent;
  'conversations.changed': { conversations: ConversationSummary[] };
  'settings.changed': SettingsView;
  'store.problem': StoreProblem;
};
export type EventName = keyof EventMap;

const names: Record<EventName, true> = {
  'chat.stream': true,
  'conversations.changed': true,
  'settings.changed': true,
  'store.problem': true,
};
export const eventNames = Object.keys(names) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(names, name);
}
