import { initialChatState, type ChatState } from './chat/chat-state';
import { initialConversationsState, type ConversationsState } from './conversations/conversations-state';
import { initialNoticesState, type NoticesState } from './notices/notices-state';
import { initialProfilesState, type ProfilesState } from './profiles/profiles-state';
import { initialViewState, type ViewState } from './view/view-state';

/**
 * The app's one store, made of each feature's slice. One store (rather than one per feature) so that
 * an action touching several slices (a new chat: list, selection, notice, focus) lands in one update,
 * and components select across slices (the open conversation's profile) without tearing.
 */
export interface AppState extends ViewState, NoticesState, ConversationsState, ChatState, ProfilesState {}

export const initialAppState: AppState = {
  ...initialViewState,
  ...initialNoticesState,
  ...initialConversationsState,
  ...initialChatState,
  ...initialProfilesState,
};
