import { referencedAttachments } from './attachment-references';
import type { StoreCore } from './store-core';

/**
 * The clean-up of stored attachments after the trash loses items: one at a time, and calls made
 * while one is queued but not started share it. A conversation in the trash keeps its attachments;
 * only what nothing references (and was not stored in the last hour) goes.
 */
export class AttachmentSweep {
  #queued: Promise<number> | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly core: () => StoreCore) {}

  sweep(): Promise<number> {
    this.#queued ??= this.#tail.then(() => {
      this.#queued = undefined;
      return this.#once();
    });
    const queued = this.#queued;
    this.#tail = queued.catch(() => undefined);
    return queued;
  }

  inBackground(): void {
    this.sweep().catch((error: unknown) => console.warn('[store] cleaning up attachments failed:', error));
  }

  async #once(): Promise<number> {
    const core = this.core();
    const files = core.options.attachments;
    if (!files || core.readOnly || core.closed) return 0;
    const referenced = await referencedAttachments(core);
    // A file that could not be read may reference anything: remove nothing this time.
    if (!referenced || core.closed) return 0;
    return files.removeUnreferenced(referenced);
  }
}
