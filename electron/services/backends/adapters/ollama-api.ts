import { userError, type UserError } from '../../../../shared/domain/errors';
import { AppError } from '../../app-error';
import type { LoadedModel } from '../../../../shared/domain/ollama-models';
import { authHeaders, originOf, type BackendTarget } from '../backend-target';
import { listOf, okObject, positiveInt, requestJson, text, type JsonReply } from '../http';

/**
 * Ollama's model management endpoints beside the adapter (ollama.ts): `POST /api/pull` (streamed
 * JSON lines), `DELETE /api/delete`, `GET /api/ps`, and unloading with `keep_alive: 0`. Every
 * wording of their failures lives here too, so the service that runs pulls knows no Ollama text.
 */

export interface OllamaHttp {
  fetch?: typeof fetch;
  timeoutMs: number;
}

/** One line of `/api/pull`'s stream. */
export interface PullLine {
  status?: string;
  digest?: string;
  total?: number;
  completed?: number;
  error?: string;
}

/** Opens the pull's stream; resolves once the headers are in (the body is the caller's to read). */
export async function openPull(
  target: BackendTarget,
  model: string,
  options: { fetch?: typeof fetch; signal: AbortSignal },
): Promise<Response> {
  const doFetch = options.fetch ?? globalThis.fetch;
  return doFetch(`${originOf(target.baseUrl)}/api/pull`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(target.apiKey) },
    body: JSON.stringify({ model, stream: true }),
    signal: options.signal,
  });
}

/** A line of the stream, or undefined for a blank or unreadable one. */
export function parsePullLine(line: string): PullLine | undefined {
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (!value || typeof value !== 'object') return undefined;
    const fields = value as Record<string, unknown>;
    const digest = text(fields.digest);
    const status = text(fields.status);
    const error = text(fields.error);
    return {
      ...(status ? { status } : {}),
      ...(digest ? { digest } : {}),
      ...(typeof fields.total === 'number' ? { total: fields.total } : {}),
      ...(typeof fields.completed === 'number' ? { completed: fields.completed } : {}),
      ...(error ? { error } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Ollama's own error for a pull, worded: no such model, or whatever it said. */
export function pullFailed(model: string, message: string): UserError {
  if (/file does not exist|manifest unknown|not found/i.test(message))
    return userError(
      'model-not-found',
      `No model named ${model} on ollama.com.`,
      'Check the name (e.g. llama3.2, qwen3:8b, gemma3:1b): the library is at ollama.com/library.',
      { detail: message },
    );
  return userError('server-error', `Ollama could not pull ${model}.`, 'Try again; Ollama resumes it.', {
    detail: message,
    retryable: true,
  });
}

/** The stream broke off before "success" (a network drop, Ollama stopped). */
export function pullCut(model: string, detail?: string): UserError {
  return userError(
    'connection-lost',
    `The download of ${model} was cut before it finished.`,
    'Try again: Ollama resumes it where it stopped.',
    { retryable: true, ...(detail ? { detail } : {}) },
  );
}

/** Nothing answered at the pull's URL. */
export function ollamaNotAnswering(target: BackendTarget, detail?: string): UserError {
  return userError(
    'backend-unreachable',
    `Ollama does not answer at ${originOf(target.baseUrl)}.`,
    'Start Ollama (run `ollama serve` or open the Ollama app), then try again.',
    { retryable: true, ...(detail ? { detail } : {}) },
  );
}

/** `DELETE /api/delete {model}`: resolves when deleted, else the cause and fix. */
export async function deleteModel(
  target: BackendTarget,
  model: string,
  http: OllamaHttp,
): Promise<UserError | undefined> {
  const reply = await send(target, '/api/delete', 'DELETE', { model }, http);
  if (!reply) return ollamaNotAnswering(target);
  if (reply.status >= 200 && reply.status < 300) return undefined;
  if (reply.status === 404)
    return userError('model-not-found', `${model} is not on this Ollama server.`, 'Refresh the model list.', {
      detail: errorOf(reply),
    });
  return userError('server-error', `Ollama could not delete ${model}.`, 'Try again.', {
    detail: errorOf(reply),
    retryable: true,
  });
}

/** `GET /api/ps`: the models in memory now. */
export async function loadedModels(target: BackendTarget, http: OllamaHttp): Promise<LoadedModel[]> {
  const reply = await requestJson(`${originOf(target.baseUrl)}/api/ps`, {
    ...http,
    headers: authHeaders(target.apiKey),
  });
  const body = okObject(reply);
  if (!body) throw new AppError(ollamaNotAnswering(target, reply ? `HTTP ${reply.status}` : undefined));
  return listOf(body, 'models').flatMap((m): LoadedModel[] => {
    const name = text(m.name) ?? text(m.model);
    if (!name) return [];
    const expires = typeof m.expires_at === 'string' ? Date.parse(m.expires_at) : NaN;
    const size = positiveInt(m.size);
    const vram = typeof m.size_vram === 'number' && m.size_vram >= 0 ? m.size_vram : undefined;
    const context = positiveInt(m.context_length);
    return [
      {
        name,
        ...(size ? { sizeBytes: size } : {}),
        ...(vram !== undefined ? { vramBytes: vram } : {}),
        ...(Number.isFinite(expires) ? { expiresAt: expires } : {}),
        ...(context ? { contextLength: context } : {}),
      },
    ];
  });
}

/** A generate request with `keep_alive: 0` and no prompt: Ollama unloads the model at once. */
export async function unloadModel(
  target: BackendTarget,
  model: string,
  http: OllamaHttp,
): Promise<UserError | undefined> {
  const reply = await send(target, '/api/generate', 'POST', { model, keep_alive: 0 }, http);
  if (!reply) return ollamaNotAnswering(target);
  if (reply.status >= 200 && reply.status < 300) return undefined;
  if (reply.status === 404)
    return userError('model-not-found', `${model} is not on this Ollama server.`, 'Refresh the model list.', {
      detail: errorOf(reply),
    });
  return userError('server-error', `Ollama could not unload ${model}.`, 'Try again.', {
    detail: errorOf(reply),
    retryable: true,
  });
}

async function send(
  target: BackendTarget,
  path: string,
  method: 'DELETE' | 'POST',
  body: unknown,
  http: OllamaHttp,
): Promise<JsonReply | undefined> {
  const doFetch = http.fetch ?? globalThis.fetch;
  try {
    const response = await doFetch(`${originOf(target.baseUrl)}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...authHeaders(target.apiKey) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(http.timeoutMs),
    });
    const raw = await response.text();
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // keep the text
    }
    return { status: response.status, body: parsed };
  } catch {
    return undefined;
  }
}

function errorOf(reply: JsonReply): string {
  const body = reply.body;
  const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  return typeof error === 'string' ? error : `HTTP ${reply.status}`;
}
