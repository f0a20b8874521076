import type { Conversation } from '../../../shared/domain/conversation';
import type { ProfileService, ResolvedProfile } from '../profiles/profile-service';

/**
 * The one answer to "which profile and model does this conversation's next request use", for the
 * request itself (chat) and for the context meter (`chat.context`), so the two never disagree.
 *
 * The conversation's profile while it still exists, else the default profile. The model chosen for
 * that profile, else the profile's default; a model chosen for a profile that is gone means nothing
 * for the default one. `model` is undefined when neither names one: chat then asks the backend for
 * its first model, and the meter assumes a default context length.
 */
export async function conversationBackend(
  conversation: Pick<Conversation, 'profileId' | 'chosenModel'>,
  profiles: Pick<ProfileService, 'list' | 'resolve'>,
): Promise<{ profile: ResolvedProfile; model?: string }> {
  const { profileId } = conversation;
  const known = profileId !== undefined && profiles.list().some((p) => p.id === profileId);
  const profile = await profiles.resolve(known ? profileId : undefined);
  const model = (known ? conversation.chosenModel : undefined) ?? profile.defaultModel;
  return model ? { profile, model } : { profile };
}
