import { safeStorage } from 'electron';
import type { SecretStorageStatus } from '../../shared/domain/profiles';
import type { SecretBox } from '../services/secrets/secret-box';

const BASIC_TEXT_WARNING =
  'No keyring was found (Linux without GNOME Keyring or KWallet), so keys are only obfuscated on disk, not encrypted with a secret the system protects. Install and unlock a keyring to protect them.';

/**
 * API keys through Electron's safeStorage, with the asynchronous API (Keychain, DPAPI, libsecret,
 * KWallet). Ciphertext is base64 in the settings store; the plain key exists only in main.
 */
export const safeStorageSecretBox: SecretBox = {
  async status(): Promise<SecretStorageStatus> {
    const available = await safeStorage.isAsyncEncryptionAvailable();
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform;
    if (!available) {
      return {
        encrypted: false,
        backend: 'unavailable',
        warning:
          'This system offers no encryption for secrets: keys cannot be saved securely. Use OPENAI_API_KEY instead.',
      };
    }
    if (backend === 'basic_text') return { encrypted: false, backend, warning: BASIC_TEXT_WARNING };
    return { encrypted: true, backend };
  },
  async encrypt(plain: string): Promise<string> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new Error('Encryption is not available on this system.');
    }
    return (await safeStorage.encryptStringAsync(plain)).toString('base64');
  },
  async decrypt(cipher: string): Promise<string> {
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
    return result;
  },
};
