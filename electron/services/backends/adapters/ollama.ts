import { DEFAULT_CONTEXT_LENGTH } from '../../../../shared/domain/context-budget';
import type { ConnectionReport, ModelInfo } from '../../../../shared/domain/profiles';
import { defineAdapter, type AdapterHttp, type ContextLengthInfo } from '../adapter';
import { authHeaders, originOf, type BackendTarget } from '../backend-target';
import { listOf, okObject, positiveInt, requestJson, text, tokens, type JsonReply } from '../http';

/**
 * Ollama: its own API beside the OpenAI one — `/api/version`, `/api/tags` (installed models with
 * size, family, parameters, quantisation), `/api/ps` (loaded models and the context each runs
 * with), `POST /api/show` (Modelfile parameters, maximum context, capabilities).
 */
export const ollamaAdapter = defineAdapter({
  kind: 'ollama',
  wording: {
    noTools:
      'Choose a model with tool support (e.g. qwen3 or llama3.1; `ollama show MODEL` lists its capabilities), or turn tools off for this conversation.',
    start: 'Start Ollama (run `ollama serve` or open the Ollama app), or change the backend URL.',
    missingModel: (model) => `Run \`ollama pull ${model ?? 'MODEL'}\`, or pick an installed model.`,
    noModels: 'Pull one with `ollama pull llama3.2`, then retry.',
    noVision:
      'Choose a vision model, such as llama3.2-vision, qwen2.5vl or gemma3 (`ollama pull llama3.2-vision`), or remove the images.',
    busyWhen503: true,
  },

  async modelDetails(target, http) {
    const [tagsReply, psReply] = await Promise.all([
      get(target, '/api/tags', http),
      get(target, '/api/ps', http),
    ]);
    const tags = models(tagsReply);
    const ps = models(psReply);
    if (!tags && !ps) return undefined;
    const byName = new Map<string, Record<string, unknown>>();
    for (const tag of tags ?? []) {
      const name = nameOf(tag);
      if (name !== undefined) byName.set(name, tag);
    }
    const loaded = new Set((ps ?? []).flatMap((m) => nameOf(m) ?? []));
    return ({ id }) => {
      const tag = lookup(byName, id);
      return {
        ...(tag ? tagDetails(tag) : {}),
        ...(ps ? { loaded: aliases(id).some((name) => loaded.has(name)) } : {}),
      };
    };
  },

  /**
   * The context a loaded model actually runs with (`/api/ps`), else `num_ctx` from its Modelfile
   * (`/api/show`), else Ollama's default of 4,096 capped by the model's maximum — Ollama does not
   * run a model at its maximum unless told to.
   */
  async contextLength(target, model, http): Promise<ContextLengthInfo | undefined> {
    const [ps, show] = await Promise.all([get(target, '/api/ps', http), showModel(target, model, http)]);
    const names = new Set(aliases(model));
    const running = positiveInt(
      listOf(okObject(ps), 'models').find((m) => names.has(nameOf(m) ?? ''))?.context_length,
    );
    if (running)
      return {
        contextLength: running,
        source: 'model',
        detail: `Ollama runs ${model} with ${tokens(running)} tokens.`,
      };

    const info = show ?? {};
    const numCtx = /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(
      typeof info.parameters === 'string' ? info.parameters : '',
    );
    const configured = positiveInt(Number(numCtx?.[1]));
    if (configured)
      return {
        contextLength: configured,
        source: 'model',
        detail: `${model} sets num_ctx ${tokens(configured)} in its Modelfile.`,
      };

    const maximum = modelMaximum(info.model_info);
    if (maximum === undefined) return undefined;
    if (maximum <= DEFAULT_CONTEXT_LENGTH)
      return {
        contextLength: maximum,
        source: 'model',
        detail: `${model} takes at most ${tokens(maximum)} tokens.`,
      };
    return {
      contextLength: DEFAULT_CONTEXT_LENGTH,
      source: 'default',
      detail:
        `Ollama runs models with ${tokens(DEFAULT_CONTEXT_LENGTH)} tokens unless num_ctx or OLLAMA_CONTEXT_LENGTH says ` +
        `otherwise (${model} could take ${tokens(maximum)}); set Context length in the profile if yours is larger.`,
    };
  },

  /** `POST /api/show` lists `capabilities`: "tools", "vision", "thinking" among them. */
  async capabilities(target, model, http) {
    const list = (await showModel(target, model, http))?.capabilities;
    if (!Array.isArray(list)) return {};
    const has = (name: string) => list.includes(name);
    return { tools: has('tools'), vision: has('vision'), reasoning: has('thinking') };
  },

  async diagnose(target, report, http) {
    const [versionReply, tagsReply, psReply] = await Promise.all([
      get(target, '/api/version', http),
      get(target, '/api/tags', http),
      get(target, '/api/ps', http),
    ]);
    const ollama = ollamaReport(versionReply, tagsReply, psReply);
    if (!ollama) return;
    report.ollama = ollama;
    report.diagnostics = {
      server: `Ollama ${ollama.version ?? '(version unknown)'}`,
      notes: [
        {
          text:
            ollama.loaded.length > 0
              ? `Loaded now: ${ollama.loaded.join(', ')}`
              : 'No model is loaded right now.',
          tone: 'info',
        },
      ],
      models: ollama.installed.map(({ name, ...details }): ModelInfo => ({
        id: name,
        ...details,
        loaded: ollama.loaded.includes(name),
      })),
    };
    // Ollama answers at its origin but the base URL lacks /v1: say exactly what to type.
    const origin = originOf(target.baseUrl);
    const fixed = `${origin}/v1`;
    const elsewhere = target.baseUrl.replace(/\/+$/, '') !== fixed;
    if (report.outcome === 'wrong-path' && ollama.version !== undefined && report.error && elsewhere) {
      report.error = {
        ...report.error,
        fix: `Ollama is running at ${origin}: set the base URL to ${fixed}.`,
      };
    }
  },

  async identify(origin, http) {
    const reply = await requestJson(`${origin}/api/version`, http);
    return typeof okObject(reply)?.version === 'string';
  },
});

const get = (target: BackendTarget, path: string, http: AdapterHttp) =>
  requestJson(`${originOf(target.baseUrl)}${path}`, { ...http, headers: authHeaders(target.apiKey) });

async function showModel(target: BackendTarget, model: string, http: AdapterHttp) {
  // `model` is today's field, `name` the older one; Ollama reads either.
  const reply = await requestJson(`${originOf(target.baseUrl)}/api/show`, {
    ...http,
    headers: authHeaders(target.apiKey),
    body: { model, name: model },
  });
  return okObject(reply);
}

/** The `models` array of /api/tags or /api/ps, or undefined when it did not answer so. */
function models(reply: JsonReply | undefined): Record<string, unknown>[] | undefined {
  const body = okObject(reply);
  return Array.isArray(body?.models) ? listOf(body, 'models') : undefined;
}

const nameOf = (model: Record<string, unknown>): string | undefined => text(model.name) ?? text(model.model);

/** "phi3" is installed as "phi3:latest"; either spelling names it. */
const aliases = (id: string) => [id, `${id}:latest`, id.replace(/:latest$/, '')];

const lookup = (byName: Map<string, Record<string, unknown>>, id: string) =>
  aliases(id)
    .map((name) => byName.get(name))
    .find(Boolean);

function tagDetails(tag: Record<string, unknown>): Omit<ModelInfo, 'id'> {
  const details = (tag.details && typeof tag.details === 'object' ? tag.details : {}) as Record<
    string,
    unknown
  >;
  const family = text(details.family);
  const parameterSize = text(details.parameter_size);
  const quantization = text(details.quantization_level);
  return {
    ...(typeof tag.size === 'number' ? { sizeBytes: tag.size } : {}),
    ...(family ? { family } : {}),
    ...(parameterSize ? { parameterSize } : {}),
    ...(quantization ? { quantization } : {}),
  };
}

function ollamaReport(
  versionReply: JsonReply | undefined,
  tagsReply: JsonReply | undefined,
  psReply: JsonReply | undefined,
): ConnectionReport['ollama'] {
  const version = text(okObject(versionReply)?.version);
  const installed = models(tagsReply)?.map((m) => ({ name: nameOf(m) ?? '', ...tagDetails(m) }));
  const loaded = models(psReply)?.flatMap((m) => nameOf(m) ?? []);
  if (version === undefined && installed === undefined && loaded === undefined) return undefined;
  return {
    ...(version === undefined ? {} : { version }),
    installed: (installed ?? []).filter((m) => m.name !== ''),
    loaded: loaded ?? [],
  };
}

/** `model_info["<architecture>.context_length"]`, else any `*.context_length`. */
function modelMaximum(modelInfo: unknown): number | undefined {
  if (!modelInfo || typeof modelInfo !== 'object') return undefined;
  const info = modelInfo as Record<string, unknown>;
  const arch = info['general.architecture'];
  const direct = typeof arch === 'string' ? positiveInt(info[`${arch}.context_length`]) : undefined;
  if (direct) return direct;
  for (const [key, value] of Object.entries(info))
    if (key.endsWith('.context_length') && positiveInt(value)) return value as number;
  return undefined;
}
