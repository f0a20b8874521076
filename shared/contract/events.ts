import type { ConversationSummary } from '../domain/conversation';
import type { StoreProblem } from '../domain/store-problem';
import type { TrashItem } from '../domain/library';
import type { SettingsView } from '../domain/settings';
import type { ChatStreamEvent } from './chat-stream';
import type { ProfileStatus } from '../domain/profiles';
import type { ProfileList } from './routes';
import type { AppCommand, DesktopView } from '../domain/desktop';
import type { CompareRunSummary, CompareStreamEvent } from '../domain/compare';
import type { Task } from '../domain/tasks';
import type { McpServerView } from '../domain/mcp';
import type { ToolSettings, ToolSourceView } from '../domain/tools';
import type { PullProgress } from '../domain/ollama-models';

/** Everything main pushes to the renderer, by event name. */
export type EventMap = {
  'chat.stream': ChatStreamEvent;
  'conversations.changed': { conversations: ConversationSummary[] };
  'settings.changed': SettingsView;
  'store.problem': StoreProblem;
  'profiles.changed': ProfileList;
  'profiles.status': ProfileStatus;
  'desktop.changed': DesktopView;
  /** The desktop shell asks one kind of window to act (tray menu, app menu, shortcut). */
  'app.command': AppCommand;
  'compare.stream': CompareStreamEvent;
  'compare.changed': { runs: CompareRunSummary[] };
  /** Whatever changed the trash: a delete, restore, purge, empty, or an edit that replaced turns. */
  'trash.changed': { items: TrashItem[] };
  /** The whole task list after any change, by the user or by a tool call, so every window shows it. */
  'tasks.changed': { tasks: Task[] };
  /** MCP servers: a status, a tool list or a saved setting changed. */
  'mcp.changed': { servers: McpServerView[] };
  /** What conversations can turn on changed (a server became ready or failed, a tool switched), or the settings. */
  'tools.changed': { sources: ToolSourceView[]; settings: ToolSettings };
  /** A pull's progress (a few per second at most), and its end. */
  'ollama.pull': PullProgress;
};
export type EventName = keyof EventMap;

const names: Record<EventName, true> = {
  'chat.stream': true,
  'conversations.changed': true,
  'settings.changed': true,
  'store.problem': true,
  'profiles.changed': true,
  'profiles.status': true,
  'desktop.changed': true,
  'app.command': true,
  'compare.stream': true,
  'compare.changed': true,
  'trash.changed': true,
  'tasks.changed': true,
  'mcp.changed': true,
  'tools.changed': true,
  'ollama.pull': true,
};
export const eventNames = Object.keys(names) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(names, name);
}
