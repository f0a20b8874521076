import OpenAI from 'openai';
import { userError, type UserError } from '../../../shared/domain/errors';
import type { ConnectionReport } from '../../../shared/domain/profiles';
import { adapterFor } from './adapters';
import type { BackendTarget } from './backend-target';
import { describeFailure } from './describe-failure';
import { PLACEHOLDER_KEY } from './model-list';

export type KeyProof = NonNullable<ConnectionReport['completion']>;

export interface KeyProofOptions {
  model: string;
  fetch?: typeof fetch;
  timeoutMs: number;
  signal?: AbortSignal;
  now: () => number;
}

/**
 * A one-token chat completion with the profile's key: the only request that proves the key where
 * `/models` is public (llama-server with --api-key lists models to anyone and refuses chat with 401).
 * Never throws. A 401/403 is `auth` with the kind's own fix; any other failure is `failed` with the
 * cause (a model still loading, a model the server does not have).
 */
export async function proveKey(target: BackendTarget, options: KeyProofOptions): Promise<KeyProof> {
  const client = new OpenAI({
    baseURL: target.baseUrl,
    apiKey: target.apiKey || PLACEHOLDER_KEY,
    maxRetries: 0,
    timeout: options.timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const started = options.now();
  try {
    await client.chat.completions.create(
      {
        model: options.model,
        messages: [{ role: 'user', content: 'Hi' }],
        // OpenAI's newer models refuse max_tokens; every other server reads it.
        ...(target.kind === 'openai' ? { max_completion_tokens: 1 } : { max_tokens: 1 }),
        stream: false,
      },
      options.signal ? { signal: options.signal } : {},
    );
    return {
      outcome: 'ok',
      model: options.model,
      latencyMs: Math.max(0, Math.round(options.now() - started)),
    };
  } catch (error) {
    const status = error instanceof OpenAI.APIError ? error.status : undefined;
    if (status === 401 || status === 403) {
      const authError = keyRejected(target, status);
      return { outcome: 'auth', model: options.model, detail: authError.message, error: authError };
    }
    const described = describeFailure(error, {
      baseUrl: target.baseUrl,
      kind: target.kind,
      model: options.model,
    });
    const failed: UserError = redactKey(described, target.apiKey);
    return { outcome: 'failed', model: options.model, detail: failed.message, error: failed };
  }
}

/** The key was refused on chat although `/models` answered: word it with the kind's fix. */
function keyRejected(target: BackendTarget, status: 401 | 403): UserError {
  const noKey = status === 401 && !target.apiKey;
  const message = noKey
    ? 'The model list is public, but chat needs an API key (HTTP 401), and this profile has none.'
    : status === 401
      ? 'The model list is public, but chat rejected the API key (HTTP 401).'
      : 'Chat refused this API key (HTTP 403).';
  return userError('auth', message, adapterFor(target.kind).wording.badKey, {
    ...(target.profileId !== undefined
      ? { action: { kind: 'open-profile', profileId: target.profileId } as const }
      : {}),
  });
}

function redactKey(error: UserError, apiKey: string | undefined): UserError {
  if (!apiKey || error.detail === undefined || !error.detail.includes(apiKey)) return error;
  return { ...error, detail: error.detail.split(apiKey).join('***') };
}
