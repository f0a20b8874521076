import type { ConversationSummary, Message } from '../../../shared/domain/conversation';
import type { UserError } from '../../../shared/domain/errors';
import type { ModelInfo, ProfileStatus, ProfileView } from '../../../shared/domain/profiles';
import type { SettingsView } from '../../../shared/domain/settings';
import type { StoreProblem } from '../../../shared/domain/store-problem';
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

/** The models one profile's backend lists, fetched on demand. */
export interface ModelChoices {
  models: ModelInfo[];
  /** Why the list could not be fetched, shown as the combobox's tooltip. */
  error?: string;
}

/**
 * A message to bring into view (a search hit): the transcript scrolls to `messageId` once conversation
 * `conversationId` shows, once per `seq` (a new request for the same message has a new `seq`).
 */
export interface FocusMessageRequest {
  conversationId: string;
  messageId: string;
  seq: number;
}

/** Which main-window view shows: the chat, backend settings, or the side-by-side compare view. */
export type AppView = 'chat' | 'settings' | 'compare';

/** A request to show settings, optionally on one profile; `seq` changes with every request. */
export interface SettingsRequest {
  seq: number;
  profileId?: string;
}

/** A request to show the compare view, optionally with a prompt from the chat; `seq` changes with every request. */
export interface CompareRequest {
  seq: number;
  prompt?: string;
}

export interface AppState {
  connection: ConnectionState;
  /** The browser's idea of the network; cloud profiles recover by themselves when it returns. */
  online: boolean;
  view: AppView;
  settingsRequest: SettingsRequest;
  compareRequest: CompareRequest;
  conversations: ConversationSummary[];
  conversationsLoaded: boolean;
  selectedId: string | undefined;
  /** The selected conversation's messages, once loaded. */
  open: OpenConversation | undefined;
  settings: SettingsView | undefined;
  profiles: ProfileView[];
  profilesLoaded: boolean;
  defaultProfileId: string | undefined;
  /** Live status per profile id, from `profiles.status` events. */
  profileStatuses: Readonly<Record<string, ProfileStatus>>;
  /** Model lists per profile id. */
  modelChoices: Readonly<Record<string, ModelChoices>>;
  problems: StoreProblem[];
  notice: ActionNotice | undefined;
  /** Between pressing Send and the host accepting the message. */
  sending: boolean;
  /** Bumped to ask the composer to take focus (after send, select, new chat). */
  composerFocus: number;
  /** The conversation list on narrow windows, where it sits behind a toggle. */
  sidebarOpen: boolean;
  /** Set by `AppController.openMessage` (a search hit); the transcript scrolls to and highlights it. */
  focusMessage: FocusMessageRequest | undefined;
}

export const initialAppState: AppState = {
  connection: 'connecting',
  online: typeof navigator === 'undefined' || navigator.onLine !== false,
  view: 'chat',
  settingsRequest: { seq: 0 },
  compareRequest: { seq: 0 },
  conversations: [],
  conversationsLoaded: false,
  selectedId: undefined,
  open: undefined,
  settings: undefined,
  profiles: [],
  profilesLoaded: false,
  defaultProfileId: undefined,
  profileStatuses: {},
  modelChoices: {},
  problems: [],
  notice: undefined,
  sending: false,
  composerFocus: 0,
  sidebarOpen: false,
  focusMessage: undefined,
};
