import type { SecretStorageStatus } from './profiles';

/** App-wide settings as the renderer sees them. Keys never cross: only whether they are protected. */
export interface SettingsView {
  defaultProfileId: string;
  secrets: SecretStorageStatus;
}
