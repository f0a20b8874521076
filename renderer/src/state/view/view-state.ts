/** Which main-window view shows: the chat, backend settings, the side-by-side compare view, or the task list. */
export type AppView = 'chat' | 'settings' | 'compare' | 'tasks';

/** A request to show settings, optionally on one profile; `seq` changes with every request. */
export interface SettingsRequest {
  seq: number;
  profileId?: string;
}

/** A request to show the compare view, optionally with a prompt from the chat; `seq` changes with every request. */
export interface CompareRequest {
  seq: number;
  prompt?: string;
  /** The conversation the prompt comes from: its profile, model and system prompt fill the form. */
  conversationId?: string;
}

/** Which view shows and where focus and the narrow-window sidebar stand. */
export interface ViewState {
  view: AppView;
  settingsRequest: SettingsRequest;
  compareRequest: CompareRequest;
  /** Bumped to ask the composer to take focus (after send, select, new chat). */
  composerFocus: number;
  /** Bumped to ask the header's model field to take focus ("Choose another model"). */
  modelPickerFocus: number;
  /** The conversation list on narrow windows, where it sits behind a toggle. */
  sidebarOpen: boolean;
}

export const initialViewState: ViewState = {
  view: 'chat',
  settingsRequest: { seq: 0 },
  compareRequest: { seq: 0 },
  composerFocus: 0,
  modelPickerFocus: 0,
  sidebarOpen: false,
};
