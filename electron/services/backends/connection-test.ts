import OpenAI from 'openai';
import type { UserError } from '../../../shared/domain/errors';
import { type ConnectionReport } from '../../../shared/domain/profiles';
import { locationOf } from '../../../shared/domain/backend-location';
import {
  causeCode,
  describeFailure,
  noModelsError,
  notCompatibleError,
  offlineError,
  wrongPathError,
} from './describe-failure';
import { adapterFor } from './adapters';
import { defaultNetworkProbe, modelsUrlOf, type BackendTarget, type NetworkProbe } from './backend-target';
import { proveKey } from './key-proof';
import { NotModelListError, requestModels } from './model-list';

export interface ConnectionTestDeps {
  fetch?: typeof fetch;
  network?: NetworkProbe;
  /** Epoch milliseconds; also used to measure the latency. */
  now?: () => number;
  /** For `GET /models`: until the headers arrive, and again for the body. Default 10 s. */
  timeoutMs?: number;
  /** The adapter's diagnostics (the server's own endpoints) after the main check. Default true; the monitor skips them. */
  diagnostics?: boolean;
  /** Per diagnostic request. Default 3 s. */
  diagnosticsTimeoutMs?: number;
  /** Cancels the test (the monitor stopping); the report is then meaningless. */
  signal?: AbortSignal;
  /**
   * The one-token completion that proves the key: `auto` runs it for local backends only (a cloud
   * one costs a token), `always` for any, `never` (the default: the monitor polls) not at all.
   */
  completion?: 'auto' | 'always' | 'never';
  /** The model the completion asks (the profile's default); else the first one listed. */
  model?: string;
  /** For the completion. Default 20 s: a local server may load the model first. */
  completionTimeoutMs?: number;
}

type Outcome = ConnectionReport['outcome'];

export interface ModelsFailure {
  outcome: Exclude<Outcome, 'ok' | 'no-models'>;
  error: UserError;
  /** Nothing answered (refused, DNS, offline, timeout): there is no point asking the same host more. */
  connection: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DIAGNOSTICS_TIMEOUT_MS = 3_000;
const COMPLETION_TIMEOUT_MS = 20_000;
/** Enough to name them in the result ("1 model: llama3.2"); a proxy may list hundreds. */
const MODEL_IDS_SHOWN = 50;

/**
 * "Test connection": `GET {baseUrl}/models` with the very base URL and key chat uses, then (when
 * something answered) the backend's own diagnostics. Never throws: every failure is a report with
 * the cause and the fix.
 */
export async function testConnection(
  target: BackendTarget,
  deps: ConnectionTestDeps = {},
): Promise<ConnectionReport> {
  const now = deps.now ?? Date.now;
  const network = deps.network ?? defaultNetworkProbe;
  const url = modelsUrlOf(target.baseUrl);
  const cloud = locationOf(target.baseUrl) === 'cloud';
  const report = (fields: Omit<ConnectionReport, 'url' | 'checkedAt' | 'profileId'>): ConnectionReport => ({
    ...(target.profileId === undefined ? {} : { profileId: target.profileId }),
    url,
    ...fields,
    checkedAt: now(),
  });

  if (cloud && !network.isOnline()) {
    return report({ outcome: 'offline', error: offlineError(target.baseUrl) });
  }

  const started = now();
  let ids: string[];
  try {
    const listed = await requestModels(target, {
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    ids = listed.map((m) => m.id);
  } catch (error) {
    const failure = classifyModelsFailure(error, target, { online: network.isOnline() });
    const result = report({ outcome: failure.outcome, error: failure.error });
    if (deps.diagnostics !== false && !failure.connection) await addDiagnostics(result, target, deps);
    return result;
  }
  const latencyMs = Math.max(0, Math.round(now() - started));
  const result =
    ids.length === 0
      ? report({
          outcome: 'no-models',
          latencyMs,
          modelCount: 0,
          error: noModelsError(target.baseUrl, target.kind),
        })
      : report({
          outcome: 'ok',
          latencyMs,
          modelCount: ids.length,
          modelIds: ids.slice(0, MODEL_IDS_SHOWN),
        });
  // The key proof runs alongside the diagnostics: neither waits for the other.
  await Promise.all([
    deps.diagnostics !== false ? addDiagnostics(result, target, deps) : undefined,
    addKeyProof(result, target, ids, deps, cloud),
  ]);
  return result;
}

/**
 * What a failed `GET /models` means, in the connection test's terms. Wording comes from
 * describeFailure, with the listing's own cases (wrong path, not an OpenAI API, offline) added.
 */
export function classifyModelsFailure(
  error: unknown,
  target: BackendTarget,
  network: { online: boolean },
): ModelsFailure {
  const { baseUrl, kind } = target;
  const url = modelsUrlOf(baseUrl);
  const described = () => redact(describeFailure(error, { baseUrl, kind }), target.apiKey);

  if (error instanceof NotModelListError) {
    return { outcome: 'bad-response', error: notCompatibleError(url, error.detail), connection: false };
  }
  if (error instanceof OpenAI.APIUserAbortError || error instanceof OpenAI.APIConnectionTimeoutError) {
    return {
      outcome: 'timeout',
      error: describeFailure(new OpenAI.APIConnectionTimeoutError(), { baseUrl, kind }),
      connection: true,
    };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const code = causeCode(error);
    const cloud = locationOf(baseUrl) === 'cloud';
    const noNetwork = code === 'ENETUNREACH' || code === 'ENETDOWN';
    const lookupFailed = code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    // EAI_AGAIN is "the resolver did not answer": for a public host that is the network, not the name.
    if (noNetwork || (cloud && (!network.online || code === 'EAI_AGAIN'))) {
      return {
        outcome: 'offline',
        error: { ...offlineError(baseUrl), detail: code ?? error.message },
        connection: true,
      };
    }
    if (lookupFailed) return { outcome: 'dns', error: described(), connection: true };
    if (code === 'ETIMEDOUT') return { outcome: 'timeout', error: described(), connection: true };
    // ECONNREFUSED, and the rarer host-unreachable or reset: nothing usable answers there.
    return { outcome: 'refused', error: described(), connection: true };
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const status = error.status;
    if (status === 401 || status === 403) {
      const base = described();
      const noKey = status === 401 && !target.apiKey;
      const authError: UserError = {
        ...base,
        message: noKey
          ? 'The backend needs an API key (HTTP 401), and this profile has none.'
          : status === 401
            ? 'The backend rejected the API key (HTTP 401).'
            : 'The backend refused this API key access to the model list (HTTP 403).',
        fix: noKey ? 'Add the API key to this profile.' : 'Fix the API key in this profile.',
      };
      if (target.profileId !== undefined) {
        authError.action = { kind: 'open-profile', profileId: target.profileId };
      }
      return { outcome: 'auth', error: authError, connection: false };
    }
    if (status === 404) {
      return { outcome: 'wrong-path', error: wrongPathError(url, described().detail), connection: false };
    }
    if (status >= 500 || status === 408 || status === 409 || status === 429) {
      return { outcome: 'server-error', error: described(), connection: false };
    }
    // 400, 405, 415…: something answers, but not an OpenAI-compatible listing.
    return { outcome: 'bad-response', error: notCompatibleError(url, described().detail), connection: false };
  }
  // A reset while reading the body (TypeError "terminated"), or anything unexpected.
  return { outcome: 'server-error', error: described(), connection: false };
}

/** Servers echo keys back in errors (LiteLLM shows part of it): never keep the key in a detail. */
function redact(error: UserError, apiKey: string | undefined): UserError {
  if (!apiKey || error.detail === undefined || !error.detail.includes(apiKey)) return error;
  return { ...error, detail: error.detail.split(apiKey).join('***') };
}

async function addKeyProof(
  report: ConnectionReport,
  target: BackendTarget,
  ids: string[],
  deps: ConnectionTestDeps,
  cloud: boolean,
): Promise<void> {
  const mode = deps.completion ?? 'never';
  if (mode === 'never' || report.outcome !== 'ok') return;
  if (mode === 'auto' && cloud) {
    report.completion = {
      outcome: 'skipped',
      detail: 'A cloud backend: a one-token reply would prove the key, but it costs a token. Ask for it.',
    };
    return;
  }
  const model = deps.model && deps.model.length > 0 ? deps.model : ids[0];
  if (model === undefined) return;
  const proof = await proveKey(target, {
    model,
    timeoutMs: deps.completionTimeoutMs ?? COMPLETION_TIMEOUT_MS,
    now: deps.now ?? Date.now,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  report.completion = proof;
  // A public model list with a refused key is not a working connection: the test says so.
  if (proof.outcome === 'auth' && proof.error) {
    report.outcome = 'auth';
    report.error = proof.error;
  }
}

async function addDiagnostics(
  report: ConnectionReport,
  target: BackendTarget,
  deps: ConnectionTestDeps,
): Promise<void> {
  const http = {
    timeoutMs: deps.diagnosticsTimeoutMs ?? DIAGNOSTICS_TIMEOUT_MS,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  // Diagnostics only add to the report: one that breaks leaves the main check's answer standing.
  await adapterFor(target.kind)
    .diagnose(target, report, http)
    .catch(() => undefined);
}
