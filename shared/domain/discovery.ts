import type { ProfileKind } from './backend-presets';

/** A model server found on this computer by the first-run scan, identified by what it answered. */
export interface DiscoveredServer {
  kind: ProfileKind;
  /** The OpenAI-compatible base URL to save in a profile, e.g. http://127.0.0.1:11434/v1. */
  baseUrl: string;
  port: number;
  /** As it names itself, e.g. "Ollama 0.12.3", "LM Studio", "llama.cpp". */
  server: string;
  /** The models it lists (may be empty: Ollama without models offers a pull). */
  models: string[];
  /** A saved profile already points here. */
  profileId?: string;
}

export interface DiscoveryReport {
  servers: DiscoveredServer[];
  /** The ports that were probed (the defaults, or the list tests pass in). */
  ports: number[];
  scannedAt: number;
}
