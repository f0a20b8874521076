import type { RouteInput } from '../../../../shared/contract/routes';
import type { AppCommand, WindowKind } from '../../../../shared/domain/desktop';
import type { AppController } from '../app-controller';
import type { AppState } from '../app-state';
import { mostRecent } from '../conversations/most-recent';
import type { DesktopController } from './desktop-controller';
import { openMainPage } from './desktop-window';

/** What a window does for an app command from the shell (tray menu, app menu, shortcut, notification). */
export type CommandAction =
  | { type: 'new-chat' }
  | { type: 'open-settings'; profileId?: string }
  | { type: 'open-compare'; prompt?: string; conversationId?: string }
  | { type: 'open-tasks' }
  | { type: 'open-chat'; conversationId?: string }
  | { type: 'focus-composer' }
  | { type: 'show-latest' };

/**
 * The action for `command` in a window of `kind`, or undefined when this window ignores it: each
 * command names its target window, and settings and compare live in the main window only. The
 * tray window is shown with `focus-composer`: it then shows the latest conversation.
 */
export function commandAction(kind: WindowKind, command: AppCommand): CommandAction | undefined {
  if (command.target !== kind) return undefined;
  switch (command.command) {
    case 'new-chat':
      return { type: 'new-chat' };
    case 'open-settings':
      if (kind !== 'main') return undefined;
      return command.profileId !== undefined
        ? { type: 'open-settings', profileId: command.profileId }
        : { type: 'open-settings' };
    case 'open-compare':
      if (kind !== 'main') return undefined;
      return compareAction(command);
    case 'open-tasks':
      return kind === 'main' ? { type: 'open-tasks' } : undefined;
    case 'open-chat':
      return command.conversationId !== undefined
        ? { type: 'open-chat', conversationId: command.conversationId }
        : { type: 'open-chat' };
    case 'focus-composer':
      return kind === 'tray' ? { type: 'show-latest' } : { type: 'focus-composer' };
  }
}

/**
 * The conversation the tray window should switch to when it is shown: the most recently used one
 * (by activity, not the list's order, which puts pinned ones first), unless it already shows it or
 * shows a new chat the user started there (not sent yet, or an empty conversation).
 */
export function trayConversationOnShow(
  state: Pick<AppState, 'conversations' | 'selectedId' | 'open'> & Partial<Pick<AppState, 'draftingNew'>>,
): string | undefined {
  const latest = mostRecent(state.conversations);
  if (!latest || latest.id === state.selectedId) return undefined;
  if (state.selectedId === undefined && state.draftingNew) return undefined;
  const startedHere = state.selectedId !== undefined && state.open?.id === state.selectedId;
  if (startedHere && state.open?.messages.length === 0) return undefined;
  return latest.id;
}

/** What app commands act on: which view shows, and which conversation. */
type CommandTarget = Pick<AppController, 'store' | 'view' | 'conversations'>;

/** Back to the chat from settings or compare (the views an app command may interrupt). */
function showChat({ store, view }: CommandTarget): void {
  const shown = store.getState().view;
  if (shown === 'settings') view.closeSettings();
  else if (shown === 'compare') view.closeCompare();
  else if (shown === 'tasks') view.closeTasks();
}

export function runCommandAction(controller: CommandTarget, action: CommandAction): void {
  const { view, conversations } = controller;
  switch (action.type) {
    case 'new-chat':
      showChat(controller);
      void conversations.newChat();
      return;
    case 'open-settings':
      view.openSettings(action.profileId);
      return;
    // The compare view (another feature's) opens through the view controller like settings do.
    case 'open-compare':
      view.openCompare(action.prompt, action.conversationId);
      return;
    case 'open-tasks':
      view.openTasks();
      return;
    case 'open-chat':
      showChat(controller);
      if (action.conversationId !== undefined) void conversations.openMessage(action.conversationId);
      else view.focusComposer();
      return;
    case 'show-latest': {
      const latest = trayConversationOnShow(controller.store.getState());
      if (latest !== undefined) void conversations.select(latest);
      else view.focusComposer();
      return;
    }
    case 'focus-composer':
      view.focusComposer();
      return;
  }
}

export type MainWindowRequest = RouteInput<'window.showMain'>;

/** The action a request for the main window stands for, when this page has to act on it itself. */
function localAction(request: MainWindowRequest): CommandAction {
  switch (request.command) {
    case 'open-chat':
      return request.conversationId !== undefined
        ? { type: 'open-chat', conversationId: request.conversationId }
        : { type: 'open-chat' };
    case 'open-settings':
      return request.profileId !== undefined
        ? { type: 'open-settings', profileId: request.profileId }
        : { type: 'open-settings' };
    case 'open-compare':
      return compareAction(request);
    case 'open-tasks':
      return { type: 'open-tasks' };
  }
}

/** "Compare this prompt…": the prompt and the conversation it comes from, when given. */
function compareAction(request: { prompt?: string; conversationId?: string }): CommandAction {
  return {
    type: 'open-compare',
    ...(request.prompt !== undefined ? { prompt: request.prompt } : {}),
    ...(request.conversationId !== undefined ? { conversationId: request.conversationId } : {}),
  };
}

/**
 * Settings, compare and the full chat live in the main window. The main window (or a page without a
 * desktop controller) acts at once; the tray window asks the shell to show the main window and send
 * it the command. The browser host answers `shown: false`: there is no other window there (the tray
 * layout is just a page), so the page opens compare or settings itself rather than leave the user
 * with a notice and nothing to click, and "Open in main window" opens the main page in a tab
 * (`openPage`) on the same conversation, since showing it here would change nothing.
 */
export async function openInMainWindow(
  controller: CommandTarget,
  desktop: Pick<DesktopController, 'kind' | 'showMainWindow'> | undefined,
  request: MainWindowRequest,
  openPage: (conversationId?: string) => void = openMainPage,
): Promise<void> {
  if (desktop?.kind === 'tray') {
    if (await desktop.showMainWindow(request)) return;
    if (request.command === 'open-chat') return openPage(request.conversationId);
  }
  runCommandAction(controller, localAction(request));
}
