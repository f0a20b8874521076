import type { AppState } from '../app-state';
import type { Store } from '../core/create-store';

/** Which view shows (chat, settings, compare), the narrow-window sidebar, and the composer's focus. */
export class ViewController {
  constructor(private readonly store: Store<AppState>) {}

  /** Shows backend settings, on one profile when given (e.g. from an error's "Open profile settings"). */
  openSettings(profileId?: string): void {
    this.store.setState((state) => ({
      view: 'settings',
      sidebarOpen: false,
      settingsRequest: { seq: state.settingsRequest.seq + 1, ...(profileId ? { profileId } : {}) },
    }));
  }

  closeSettings(): void {
    this.store.setState({ view: 'chat' });
  }

  /**
   * Shows the compare view, with a prompt from the chat filled in when given ("Compare this
   * prompt…"), and that conversation's backend, model and system prompt when it is named.
   */
  openCompare(prompt?: string, conversationId?: string): void {
    this.store.setState((state) => ({
      view: 'compare',
      sidebarOpen: false,
      compareRequest: {
        seq: state.compareRequest.seq + 1,
        ...(prompt !== undefined ? { prompt } : {}),
        ...(conversationId !== undefined ? { conversationId } : {}),
      },
    }));
  }

  closeCompare(): void {
    this.store.setState((state) => ({ view: 'chat', composerFocus: state.composerFocus + 1 }));
  }

  /** Shows the Tasks panel (the task list the assistant's task tools keep). */
  openTasks(): void {
    this.store.setState({ view: 'tasks', sidebarOpen: false });
  }

  closeTasks(): void {
    this.store.setState((state) => ({ view: 'chat', composerFocus: state.composerFocus + 1 }));
  }

  setSidebarOpen(open: boolean): void {
    this.store.setState({ sidebarOpen: open });
  }

  focusModelPicker(): void {
    this.store.setState((state) => ({ modelPickerFocus: state.modelPickerFocus + 1 }));
  }

  focusComposer(): void {
    this.store.setState((state) => ({ composerFocus: state.composerFocus + 1 }));
  }
}
