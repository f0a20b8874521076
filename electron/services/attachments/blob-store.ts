import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { userError } from '../../../shared/domain/errors';
import { AppError } from '../app-error';

/** A blob nothing references yet is kept this long: it may be a draft's attachment not sent yet. */
export const FRESH_BLOB_MS = 60 * 60 * 1000;

const HASH = /^[0-9a-f]{64}$/;
const TEMP_SUFFIX = '.partial';

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Attachments stored once by content: `<dir>/<first 2 hex>/<sha-256>`. A file is written to a temp
 * name, synced and renamed, so a reader (or a crash) never sees half of one; the same content is
 * never written twice. Reads are checked against the hash, so a damaged file is never sent.
 */
export class BlobStore {
  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new Error(`Not an attachment hash: ${hash.slice(0, 16)}`);
    return path.join(this.dir, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return HASH.test(hash) && fs.existsSync(this.pathOf(hash));
  }

  /** Stores the bytes (once) and answers their hash. Storing them again marks them fresh. */
  put(bytes: Uint8Array): string {
    const hash = sha256(bytes);
    const file = this.pathOf(hash);
    if (fs.existsSync(file)) {
      // A draft may attach what an old message holds: fresh again, so a clean-up now keeps it.
      const at = new Date(this.now());
      fs.utimesSync(file, at, at);
      return hash;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
    try {
      const fd = fs.openSync(temp, 'wx');
      try {
        fs.writeFileSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
    return hash;
  }

  /** The stored bytes, or undefined when nothing is stored under that hash. Damaged content throws. */
  read(hash: string): Buffer | undefined {
    if (!HASH.test(hash)) return undefined;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.pathOf(hash));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (sha256(bytes) !== hash) {
      throw new AppError(
        userError(
          'store-damaged',
          `A stored attachment is damaged (its file ${this.pathOf(hash)} no longer matches what was attached).`,
          'Remove the attachment and attach the file again.',
        ),
      );
    }
    return bytes;
  }

  /**
   * Removes every stored blob not in `referenced` and older than `FRESH_BLOB_MS` (and temp files a
   * crash left behind, as old). Answers how many blobs went.
   */
  removeUnreferenced(referenced: ReadonlySet<string>, freshMs = FRESH_BLOB_MS): number {
    const cutoff = this.now() - freshMs;
    let removed = 0;
    for (const shard of safeList(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      const folder = path.join(this.dir, shard);
      for (const name of safeList(folder)) {
        const blob = HASH.test(name);
        if (!blob && !name.endsWith(TEMP_SUFFIX)) continue;
        if (blob && referenced.has(name)) continue;
        const file = path.join(folder, name);
        try {
          if (fs.statSync(file).mtimeMs > cutoff) continue;
          fs.rmSync(file, { force: true });
          if (blob) removed++;
        } catch {
          // Gone already, or not removable now: the next clean-up tries again.
        }
      }
    }
    return removed;
  }

  /** Every stored hash (tests and diagnostics). */
  list(): string[] {
    return safeList(this.dir)
      .filter((shard) => /^[0-9a-f]{2}$/.test(shard))
      .flatMap((shard) => safeList(path.join(this.dir, shard)).filter((name) => HASH.test(name)));
  }
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
