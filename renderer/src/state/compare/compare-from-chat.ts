import type { ConversationSummary, Message } from '../../../../shared/domain/conversation';
import { answerText } from '../../../../shared/domain/message-content';
import type { ProfileView } from '../../../../shared/domain/profiles';
import type { CompareDraft } from './compare-form';

/** What "Compare this prompt…" starts from: the conversation's backend, model and system prompt. */
export interface ChatSource {
  profileId: string;
  /** Empty: the profile names no default, and the form fills in the first model its backend lists. */
  model: string;
  systemPrompt: string;
}

/**
 * The backend a conversation talks to, as chat resolves it (main's `conversationBackend`): its own
 * profile while that exists, else the default; the model chosen for that profile, else the
 * profile's default. A model chosen for a profile that is gone means nothing for the default one.
 */
export function chatSource(
  summary: Pick<ConversationSummary, 'profileId' | 'chosenModel'> | undefined,
  messages: readonly Message[],
  profiles: readonly ProfileView[],
  defaultProfileId: string | undefined,
): ChatSource | undefined {
  const own = summary?.profileId !== undefined ? profiles.find((p) => p.id === summary.profileId) : undefined;
  const profile = own ?? profiles.find((p) => p.id === defaultProfileId) ?? profiles[0];
  if (!profile) return undefined;
  const model = (own ? summary?.chosenModel : undefined) ?? profile.defaultModel ?? '';
  const system = messages.find((m) => m.role === 'system');
  return { profileId: profile.id, model, systemPrompt: system ? answerText(system) : '' };
}

/**
 * The form set up from the chat: the conversation's backend and model as the first pair (what the
 * user is comparing against), a second pair kept or offered (another profile, else the same one to
 * compare two of its models), and the conversation's system prompt.
 */
export function withChatSource(
  draft: CompareDraft,
  source: ChatSource,
  profiles: readonly ProfileView[],
): CompareDraft {
  // Fresh keys: the first pair is a new row (its model gets filled in like any new pair's).
  let key = Math.max(0, ...draft.pairs.map((p) => p.key));
  const nextKey = () => ++key;
  const first = { key: nextKey(), profileId: source.profileId, model: source.model };
  const kept = draft.pairs.slice(1);
  const other =
    profiles.find((p) => p.id !== source.profileId) ?? profiles.find((p) => p.id === source.profileId);
  const rest =
    kept.length > 0 || !other
      ? kept
      : [{ key: nextKey(), profileId: other.id, model: other.defaultModel ?? '' }];
  return { ...draft, pairs: [first, ...rest], systemPrompt: source.systemPrompt };
}
