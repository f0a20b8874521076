import type {
  ConversationSummary,
  Message,
  SettingsView,
  StoreProblem,
  UserError,
} from '../../../shared/index';
import type { ConnectionState } from '../bridge/connection';

export interface OpenConversation {
  id: string;
  messages: Message[];
}

/** An invoke that failed, shown in the chat pane; `retry` repeats it where that makes sense. */
export interface ActionNotice {
  id: number;
  error: UserError;
  /** What was being done, e.g. "Your message was not sent." */
  context?: string;
  retry?: () => void;
}

export interface ModelChoices {
  models: string[];
  /** Why the list could not be fetched, shown as the select's tooltip. */
  error?: string;
}

export interface AppState {
  connection: ConnectionState;
  conversations: ConversationSummary[];
  conversationsLoaded: boolean;
  selectedId: string | undefined;
  /** The selected conversation's messages, once loaded. */
  open: OpenConversation | undefined;
  settings: SettingsView | undefined;
  modelChoices: ModelChoices;
  problems: StoreProblem[];
  notice: ActionNotice | undefined;
  /** Between pressing Send and the host accepting the message. */
  sending: boolean;
  /** Bumped to ask the composer to take focus (after send, select, new chat). */
  composerFocus: number;
  /** The conversation list on narrow windows, where it sits behind a toggle. */
  sidebarOpen: boolean;
}

export const initialAppState: AppState = {
  connection: 'connecting',
  conversations: [],
  conversationsLoaded: false,
  selectedId: undefined,
  open: undefined,
  settings: undefined,
  modelChoices: { models: [] },
  problems: [],
  notice: undefined,
  sending: false,
  composerFocus: 0,
  sidebarOpen: false,
};
