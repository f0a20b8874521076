import type { SecretStorageStatus } from './profiles';

/** App-wide settings as the renderer sees them. Keys never cross: only whether they are protected. */
export interface SettingsView {
  defaultProfileId: string;
  secrets: SecretStorageStatus;
}

export const DEFAULT_BASE_URL = 'http://127.0.0.1:11434/v1';
