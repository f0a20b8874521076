import type { ContextSource } from '../../../shared/domain/context-budget';
import type { ErrorCode } from '../../../shared/domain/errors';
import type {
  ConnectionReport,
  ModelCapabilities,
  ModelInfo,
  ProfileKind,
} from '../../../shared/domain/profiles';
import type { BackendTarget } from './backend-target';
import type { ListedModel } from './model-list';

/**
 * Everything the app knows about one kind of backend, behind one interface: its preset lives in
 * `shared/domain/backend-presets.ts` (the window shows it), the rest in one adapter file here.
 * Every method is best-effort: a server that does not answer its own endpoints is still usable
 * through `/models` and chat, so adapters never throw.
 */
export interface BackendAdapter {
  readonly kind: ProfileKind;
  readonly wording: FailureWording;
  /**
   * The server runs one model whatever name a request gives (llama-server): its context length is
   * known before any model is chosen.
   */
  readonly servesOneModel?: boolean;
  /**
   * Details the server gives about its models, asked alongside `/models` (so they add no wait):
   * a lookup from a listed entry to its details, or undefined when the server told nothing.
   */
  modelDetails(target: BackendTarget, http: AdapterHttp): Promise<ModelDetails | undefined>;
  /** The context a model runs with, as the server says; undefined when it does not. */
  contextLength(
    target: BackendTarget,
    model: string,
    http: AdapterHttp,
  ): Promise<ContextLengthInfo | undefined>;
  /** What a model can do, where the server says; `{}` when it does not. */
  capabilities(target: BackendTarget, model: string, http: AdapterHttp): Promise<ModelCapabilities>;
  /**
   * Adds what the server's own endpoints tell to a connection test's report (`diagnostics`, and
   * sharper fixes). Called after `/models`, unless nothing answered at all.
   */
  diagnose(target: BackendTarget, report: ConnectionReport, http: AdapterHttp): Promise<void>;
  /** Whether the server at `origin` (no path) looks like this kind, from what it answers. No key is sent. */
  identify(origin: string, http: AdapterHttp): Promise<boolean>;
}

/** How an adapter reaches the network: the app's fetch (tests inject one), a timeout per request, a cancel. */
export interface AdapterHttp {
  fetch?: typeof fetch;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type ModelDetails = (model: ListedModel) => Omit<ModelInfo, 'id'> | undefined;

/** A model's context window and where the number came from. */
export interface ContextLengthInfo {
  contextLength: number;
  source: ContextSource;
  /** One sentence for a tooltip. */
  detail: string;
}

/** The kind-specific half of every failure message: the general half is in describe-failure.ts. */
export interface FailureWording {
  /** Nothing listens at the URL: how to start this server. */
  start: string;
  /** The model is not on this server: how to get it (`model` as the user chose it, if known). */
  missingModel: (model: string | undefined) => string;
  /** The server lists no models: how to add one. */
  noModels: string;
  /** The key was rejected (HTTP 401): where a valid one comes from. */
  badKey: string;
  /** Images were refused (the model or server cannot see): how to get one that can. */
  noVision: string;
  /** The model or server cannot use tools: how to get one that can (the user may also turn tools off). */
  noTools: string;
  /** HTTP 503 means "busy with other requests" (Ollama's full queue), not a broken server. */
  busyWhen503?: boolean;
  /**
   * A reading of a server message only this kind sends (llama.cpp refusing tools without --jinja):
   * the cause and fix, or undefined for the general wording.
   */
  explain?: (
    status: number,
    message: string,
  ) => { code: ErrorCode; message: string; fix: string } | undefined;
}

const GENERIC_WORDING: FailureWording = {
  start: 'Start the server, or check the backend URL and port.',
  missingModel: () => 'Pick a model this backend serves, from the list or by its exact name.',
  noModels: 'Configure a model on the server, or type a model name in settings.',
  badKey: 'Set a valid API key for this backend in settings.',
  noVision:
    'Choose a vision model (for example llama3.2-vision or qwen2.5-vl on Ollama), or remove the images and send again.',
  noTools: 'Choose a model that supports tool calling, or turn tools off for this conversation.',
};

/**
 * An adapter from the parts a kind has: whatever it leaves out behaves as a plain OpenAI-compatible
 * server (no details, no context length, no capabilities, no diagnostics).
 */
export function defineAdapter(
  parts: Pick<BackendAdapter, 'kind' | 'identify'> &
    Partial<Omit<BackendAdapter, 'kind' | 'identify' | 'wording'>> & {
      wording?: Partial<FailureWording>;
    },
): BackendAdapter {
  return {
    modelDetails: () => Promise.resolve(undefined),
    contextLength: () => Promise.resolve(undefined),
    capabilities: () => Promise.resolve({}),
    diagnose: () => Promise.resolve(),
    ...parts,
    wording: { ...GENERIC_WORDING, ...parts.wording },
  };
}
