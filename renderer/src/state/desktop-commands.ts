import type { AppCommand, WindowKind } from '../../../shared/domain/desktop';
import type { AppController } from './app-controller';
import type { AppState } from './app-state';

/** What a window does for an app command from the shell (tray menu, app menu, shortcut, notification). */
export type CommandAction =
  | { type: 'new-chat' }
  | { type: 'open-settings' }
  | { type: 'open-compare' }
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
      return kind === 'main' ? { type: 'open-settings' } : undefined;
    case 'open-compare':
      return kind === 'main' ? { type: 'open-compare' } : undefined;
    case 'open-chat':
      return command.conversationId !== undefined
        ? { type: 'open-chat', conversationId: command.conversationId }
        : { type: 'open-chat' };
    case 'focus-composer':
      return kind === 'tray' ? { type: 'show-latest' } : { type: 'focus-composer' };
  }
}

/**
 * The conversation the tray window should switch to when it is shown: the most recent one, unless
 * it already shows it or shows a new chat the user started there (an empty conversation).
 */
export function trayConversationOnShow(
  state: Pick<AppState, 'conversations' | 'selectedId' | 'open'>,
): string | undefined {
  const latest = state.conversations[0];
  if (!latest || latest.id === state.selectedId) return undefined;
  const startedHere = state.selectedId !== undefined && state.open?.id === state.selectedId;
  if (startedHere && state.open?.messages.length === 0) return undefined;
  return latest.id;
}

/** Back to the chat from settings or compare (the views an app command may interrupt). */
function showChat(controller: AppController): void {
  const { view } = controller.store.getState();
  if (view === 'settings') controller.closeSettings();
  else if (view === 'compare') controller.closeCompare();
}

export function runCommandAction(controller: AppController, action: CommandAction): void {
  switch (action.type) {
    case 'new-chat':
      showChat(controller);
      void controller.newChat();
      return;
    case 'open-settings':
      controller.openSettings();
      return;
    // The compare view (another feature's) opens through the controller like settings do.
    case 'open-compare':
      controller.openCompare();
      return;
    case 'open-chat':
      showChat(controller);
      if (action.conversationId !== undefined) void controller.select(action.conversationId);
      else controller.focusComposer();
      return;
    case 'show-latest': {
      const latest = trayConversationOnShow(controller.store.getState());
      if (latest !== undefined) void controller.select(latest);
      else controller.focusComposer();
      return;
    }
    case 'focus-composer':
      controller.focusComposer();
      return;
  }
}
