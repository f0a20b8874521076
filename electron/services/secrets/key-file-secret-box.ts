import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStorageStatus } from '../../../shared/domain/profiles';
import type { SecretBox } from './secret-box';

/**
 * AES-256-GCM with a random key kept in a file readable only by the user. Without an OS keychain
 * this is obfuscation, not protection: anyone who can read the data folder can read the keys, and
 * settings say so.
 */
export class KeyFileSecretBox implements SecretBox {
  #key: Buffer | undefined;

  constructor(private readonly keyPath: string) {}

  async status(): Promise<SecretStorageStatus> {
    return {
      encrypted: false,
      backend: 'key-file',
      warning:
        'Keys are only obfuscated here: they are encrypted with a key file in your data folder, not by the operating system’s keychain, so anyone who can read that folder can read them.',
    };
  }

  async encrypt(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#secret(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  async decrypt(encoded: string): Promise<string> {
    const data = Buffer.from(encoded, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#secret(), data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  }

  #secret(): Buffer {
    if (this.#key) return this.#key;
    if (existsSync(this.keyPath)) {
      this.#key = Buffer.from(readFileSync(this.keyPath, 'utf8').trim(), 'base64');
    } else {
      mkdirSync(dirname(this.keyPath), { recursive: true });
      this.#key = randomBytes(32);
      writeFileSync(this.keyPath, this.#key.toString('base64'), { mode: 0o600 });
      chmodSync(this.keyPath, 0o600);
    }
    return this.#key;
  }
}
