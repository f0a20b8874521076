import type { SecretStorageStatus } from '../../../shared/domain/profiles';

/**
 * Encrypts API keys at rest. In Electron: `safeStorage` (the OS keychain); in the browser host: a key
 * file next to the data. Ciphertext is base64 so it fits in a JSON store.
 */
export interface SecretBox {
  status(): Promise<SecretStorageStatus>;
  encrypt(plain: string): Promise<string>;
  decrypt(cipher: string): Promise<string>;
}
