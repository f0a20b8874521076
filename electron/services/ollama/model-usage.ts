import type { ConversationSummary } from '../../../shared/domain/conversation';

/** "phi3" is installed as "phi3:latest": either spelling names the same model. */
export const sameModel = (a: string, b: string) => a.replace(/:latest$/, '') === b.replace(/:latest$/, '');

export interface UsageProfile {
  id: string;
  defaultModel?: string;
  /** This profile is the default, which conversations without a profile use. */
  isDefault: boolean;
}

/**
 * The conversations whose next request would go to `model` on `profile`: their own choice, or
 * (when they chose none) the profile's default model. The same rule as conversation-backend.ts,
 * on summaries, so no conversation file is read.
 */
export function conversationsUsing(
  summaries: readonly ConversationSummary[],
  profile: UsageProfile,
  model: string,
  knownProfileIds: ReadonlySet<string>,
): ConversationSummary[] {
  return summaries.filter((s) => {
    const onProfile =
      s.profileId === profile.id ||
      (profile.isDefault && (s.profileId === undefined || !knownProfileIds.has(s.profileId)));
    if (!onProfile) return false;
    const chosen = s.profileId === profile.id ? s.chosenModel : undefined;
    const used = chosen ?? profile.defaultModel;
    return used !== undefined && sameModel(used, model);
  });
}
