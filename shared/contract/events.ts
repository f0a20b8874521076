import type { ConversationSummary } from '../domain/conversation';
import type { StoreProblem } from '../domain/store-problem';
import type { SettingsView } from '../domain/settings';
import type { ChatStreamEvent } from './chat-stream';
import type { ProfileStatus } from '../domain/profiles';
import type { ProfileList } from './routes';

/** Everything main pushes to the renderer, by event name. */
export type EventMap = {
  'chat.stream': ChatStreamEvent;
  'conversations.changed': { conversations: ConversationSummary[] };
  'settings.changed': SettingsView;
  'store.problem': StoreProblem;
  'profiles.changed': ProfileList;
  'profiles.status': ProfileStatus;
};
export type EventName = keyof EventMap;

const names: Record<EventName, true> = {
  'chat.stream': true,
  'conversations.changed': true,
  'settings.changed': true,
  'store.problem': true,
  'profiles.changed': true,
  'profiles.status': true,
};
export const eventNames = Object.keys(names) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(names, name);
}
