import type { ProfileStatus } from '../../../shared/domain/profiles';

/** A default in one of these states gives the user nothing: a newly saved profile takes its place. */
const DEAD_STATES: readonly ProfileStatus['state'][] = ['unreachable', 'offline'];

export interface DefaultFollowsDeps {
  defaultId: () => string;
  setDefault: (id: string) => void;
  /** The monitor's last statuses; absent when nothing monitors the profiles (then the default stays). */
  statuses?: () => ProfileStatus[];
  /** Checks one profile now (the monitor's own check); used when its status is not known yet. */
  checkNow?: (profileId: string) => Promise<void>;
}

/**
 * "Defaults that follow the user": a profile saved while the default profile cannot be reached
 * becomes the default, so New chat (every window, the tray) starts on the backend the user just
 * set up instead of the dead one the app started with. Returns whether it did.
 */
export async function followNewProfile(newId: string, deps: DefaultFollowsDeps): Promise<boolean> {
  const current = deps.defaultId();
  if (!deps.statuses || current === '' || current === newId) return false;
  const statusOf = () => deps.statuses?.().find((s) => s.profileId === current);
  if ((statusOf()?.state ?? 'unknown') === 'unknown') await deps.checkNow?.(current).catch(() => undefined);
  const state = statusOf()?.state;
  // The default may have changed while the check ran (another window chose one): leave it.
  if (state === undefined || !DEAD_STATES.includes(state) || deps.defaultId() !== current) return false;
  deps.setDefault(newId);
  return true;
}
