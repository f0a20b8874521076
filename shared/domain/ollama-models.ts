import type { UserError } from './errors';

/** Ollama's model management (`/api/pull`, `/api/delete`, `/api/ps`) as the window sees it. */

/** One pull, as its progress streams (`ollama.pull` events, the last one with a final `state`). */
export interface PullProgress {
  pullId: string;
  profileId: string;
  model: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Ollama's own words for the step: "pulling manifest", "pulling 6a0746a1ec1a", "verifying sha256 digest". */
  status: string;
  /** Over all layers seen so far. */
  completedBytes?: number;
  totalBytes?: number;
  /** Smoothed over the last seconds. */
  bytesPerSecond?: number;
  secondsLeft?: number;
  /** `failed`: the cause and fix (no such model, the connection dropped: try again). */
  error?: UserError;
}

/** A model loaded in memory now (`/api/ps`). */
export interface LoadedModel {
  name: string;
  sizeBytes?: number;
  vramBytes?: number;
  /** Epoch ms when Ollama unloads it unless used again. */
  expiresAt?: number;
  contextLength?: number;
}
