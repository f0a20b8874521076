import type { ProfileStatus, ProfileView } from '../../../../shared/domain/profiles';

/** What an empty chat can truthfully say about its backend. */
export type Readiness = 'ready' | 'cloud' | 'offline' | 'unreachable' | 'checking';

/**
 * From the profile's live status: a cloud profile is "cloud" (never "runs locally") unless it fails;
 * a local one is ready only once it answered. A failed status is `unreachable` either way.
 */
export function readiness(
  profile: Pick<ProfileView, 'location'>,
  status: Pick<ProfileStatus, 'state'> | undefined,
): Readiness {
  switch (status?.state) {
    case 'unreachable':
    case 'error':
      return 'unreachable';
    case 'offline':
      return 'offline';
    case 'online':
      return profile.location === 'cloud' ? 'cloud' : 'ready';
    default:
      return profile.location === 'cloud' ? 'cloud' : 'checking';
  }
}

/** What to do about a local server that does not answer, by kind (commands in backticks become code). */
export function startHint(kind: ProfileView['kind']): string {
  switch (kind) {
    case 'ollama':
      return 'Start Ollama (open the app, or run `ollama serve`), then choose Check again.';
    case 'llamacpp':
      return 'Start `llama-server` with your model (for example `llama-server -m model.gguf`), then choose Check again.';
    case 'vllm':
      return 'Start `vllm serve <model>`, then choose Check again.';
    case 'lmstudio':
      return 'In LM Studio, start the server (Developer tab, or `lms server start`), then choose Check again.';
    case 'litellm':
      return 'Start the proxy (`litellm --config config.yaml`), then choose Check again.';
    default:
      return 'Start the server, or check its URL in Settings, then choose Check again.';
  }
}
