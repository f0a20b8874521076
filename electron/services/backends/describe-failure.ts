import OpenAI from 'openai';
import { userError, type UserError } from '../../../shared/domain/errors';
import { quoted } from '../../../shared/domain/excerpt';
import { guessKind, type ProfileKind } from '../../../shared/domain/profiles';
import type { FailureWording } from './adapter';
import { adapterFor } from './adapters';

/** What we know about the request that failed, to name the cause and the fix precisely. */
export interface FailureContext {
  baseUrl: string;
  model?: string;
  /** The profile's kind, when known: its adapter words the fixes (Custom: the kind its port suggests). */
  kind?: ProfileKind;
  /** Where a key or URL is fixed: failures that need it carry an "open profile" action. */
  profileId?: string;
  /** The request carried images: a refusal mentioning them means the model or server cannot see. */
  sentImages?: boolean;
}

/** The adapter's wording for the profile's kind; a Custom profile on a known default port reads as that server. */
const wordingFor = (baseUrl: string, kind?: ProfileKind): FailureWording =>
  adapterFor(kind === undefined || kind === 'custom' ? guessKind(baseUrl) : kind).wording;

/** The socket-level error code (ECONNREFUSED, ENOTFOUND, …) somewhere down an error's cause chain. */
export function causeCode(error: unknown): string | undefined {
  // Node's fetch wraps the socket error: APIConnectionError → TypeError('fetch failed') → Error{code}.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function serverMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : error.message;
  return text.slice(0, 500);
}

/**
 * One mapping from every way a request can fail to what the user sees: the cause in a sentence
 * and the action that fixes it. Server text is kept only as `detail` (it is untrusted input).
 */
export function describeFailure(error: unknown, context: FailureContext): UserError {
  const described = describe(error, context);
  const fixedInProfile = ['auth', 'forbidden', 'not-found', 'model-not-found'].includes(described.code);
  if (fixedInProfile && context.profileId)
    described.action = { kind: 'open-profile', profileId: context.profileId };
  return described;
}

function describe(error: unknown, context: FailureContext): UserError {
  const { baseUrl, kind } = context;
  const model = context.model ?? 'the model';
  const wording = wordingFor(baseUrl, kind);

  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return userError(
      'timeout',
      `The backend at ${baseUrl} did not answer in time.`,
      'Check that the server is running and not overloaded, then retry.',
      { retryable: true },
    );
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const code = causeCode(error);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return userError(
        'backend-unreachable',
        `The host in ${baseUrl} could not be found (DNS lookup failed).`,
        'Check the host name in the backend URL, or your network connection.',
        { detail: code, retryable: true },
      );
    }
    const fix = wording.start;
    // Refused means nothing listens: retrying on our own only delays the message that says so.
    const refused = code === 'ECONNREFUSED';
    const what = refused ? 'refused the connection — nothing is listening there' : 'could not be reached';
    return userError('backend-unreachable', `The backend at ${baseUrl} ${what}.`, fix, {
      detail: code ?? error.message,
      retryable: !refused,
    });
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const status = error.status;
    const message = serverMessage(error);
    const detail = `HTTP ${status}: ${message}`;
    const special = wording.explain?.(status, message);
    if (special) return userError(special.code, special.message, special.fix, { detail });
    if (context.sentImages && (status === 400 || status === 422 || status === 500) && mentionsImages(message))
      return imagesRefused(wording, detail);
    const modelMissing =
      /model/i.test(message) && /(not found|does not exist|invalid model name|no such model)/i.test(message);
    if (status === 401) {
      return userError('auth', `The backend rejected the API key (HTTP 401).`, wording.badKey, { detail });
    }
    if (status === 403) {
      return userError(
        'forbidden',
        `The backend refused access (HTTP 403).`,
        'Check that the key is allowed to use this model.',
        { detail },
      );
    }
    if ((status === 404 || status === 400) && modelMissing) {
      // The servers' own wording tells them apart whatever the profile says: Ollama's "model 'x'
      // not found", LiteLLM's "Invalid model name".
      const speaker = /^model ['"].*['"] not found/.test(message)
        ? adapterFor('ollama').wording
        : /invalid model name/i.test(message)
          ? adapterFor('litellm').wording
          : wording;
      const fix = speaker.missingModel(context.model);
      return userError(
        'model-not-found',
        `The model ${quoted(model)} is not available on this backend.`,
        fix,
        {
          detail,
        },
      );
    }
    if (status === 404) {
      return userError(
        'not-found',
        `The backend has no chat endpoint under ${baseUrl} (HTTP 404).`,
        'Check the base URL: OpenAI-compatible servers usually end in /v1.',
        { detail },
      );
    }
    if (status === 429) {
      return userError(
        'rate-limited',
        'The backend is rate limiting requests (HTTP 429).',
        'Wait a moment and retry, or check your plan’s limits.',
        { detail, retryable: true },
      );
    }
    if (status === 503 && wording.busyWhen503) {
      return userError(
        'busy',
        'The backend is busy with other requests (HTTP 503).',
        'Wait for the running request to finish, then retry.',
        { detail, retryable: true },
      );
    }
    if (status >= 500) {
      return userError(
        'server-error',
        `The backend failed with an internal error (HTTP ${status}).`,
        'Retry; if it keeps failing, check the server’s logs.',
        { detail, retryable: true },
      );
    }
    if (status === 408 || status === 409) {
      return userError(
        'server-error',
        `The backend could not take the request now (HTTP ${status}).`,
        'Retry in a moment.',
        { detail, retryable: true },
      );
    }
    return userError(
      'bad-request',
      `The backend rejected the request (HTTP ${status}).`,
      'Check the model and parameters in settings.',
      { detail },
    );
  }
  if (error instanceof OpenAI.APIError) {
    // An error object inside the stream (status unknown): the server gave up mid-reply.
    return userError(
      'server-error',
      'The backend reported an error while answering.',
      'Retry; if it keeps failing, check the server’s logs.',
      { detail: serverMessage(error), retryable: true },
    );
  }
  if (error instanceof SyntaxError) {
    return userError(
      'bad-response',
      'The backend sent a malformed chunk that is not valid JSON.',
      'Retry; if it keeps happening the server is not OpenAI-compatible at this URL.',
      { detail: error.message.slice(0, 300) },
    );
  }
  if (error instanceof TypeError) {
    // undici reports a reset socket mid-body as TypeError("terminated").
    return userError(
      'connection-lost',
      'The connection to the backend broke before the reply finished.',
      'Retry; if it keeps happening check the server and your network.',
      { detail: error.message, retryable: true },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return userError(
    'internal',
    'Something unexpected went wrong while talking to the backend.',
    'Retry; if it keeps happening, report it with the detail below.',
    { detail: message.slice(0, 500) },
  );
}

/** Servers' words for "this model takes no images" (llama.cpp without --mmproj, vLLM, LM Studio, OpenAI, Ollama). */
const mentionsImages = (message: string) =>
  /image|vision|multimodal|multi-modal|mmproj|image_url/i.test(message);

/** The model or server cannot read images: never retried, the fix is another model. */
export function imagesRefused(wording: FailureWording, detail?: string): UserError {
  return userError('not-supported', 'This model or server cannot read images.', wording.noVision, {
    ...(detail !== undefined ? { detail } : {}),
  });
}

export const stalledError = (seconds: number): UserError =>
  userError(
    'stalled',
    `The backend stopped sending tokens for ${seconds} s.`,
    'Retry; if the server is overloaded, try again later.',
    { retryable: true },
  );

export const incompleteError = (): UserError =>
  userError(
    'incomplete',
    'The backend ended the reply before it was finished (no finish reason was sent).',
    'Retry to get a complete answer; the partial text is kept.',
    { retryable: true },
  );

export const noModelsError = (baseUrl: string, kind?: ProfileKind): UserError =>
  userError('no-models', `The backend at ${baseUrl} lists no models.`, wordingFor(baseUrl, kind).noModels);

/** The machine has no network: a cloud backend cannot be reached until it comes back. */
export const offlineError = (baseUrl: string): UserError =>
  userError(
    'offline',
    `This computer is offline, so ${hostOf(baseUrl)} cannot be reached.`,
    'Reconnect to the network; the connection is retried by itself when it returns.',
    { retryable: true },
  );

/** `GET …/models` answered 404: the base URL points somewhere that is not the API root. */
export const wrongPathError = (modelsUrl: string, detail?: string): UserError =>
  userError(
    'not-found',
    `Nothing answers at ${modelsUrl} (HTTP 404).`,
    'Check the base URL — OpenAI-compatible servers usually end in /v1.',
    detail === undefined ? {} : { detail },
  );

/** Something answered, but not with an OpenAI model list (an HTML page, a different API). */
export const notCompatibleError = (modelsUrl: string, detail?: string): UserError =>
  userError(
    'bad-response',
    `The server at ${modelsUrl} answered, but this URL is not an OpenAI-compatible API.`,
    'Check the base URL: it should be the server’s OpenAI-compatible API root (usually ending in /v1).',
    detail === undefined ? {} : { detail },
  );

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}
