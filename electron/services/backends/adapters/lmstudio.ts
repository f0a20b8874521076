import type { ModelCapabilities, ModelInfo } from '../../../../shared/domain/profiles';
import { defineAdapter, type AdapterHttp } from '../adapter';
import { authHeaders, originOf, type BackendTarget } from '../backend-target';
import { listOf, okObject, positiveInt, requestJson, text, tokens } from '../http';

/**
 * LM Studio: its REST API `GET /api/v0/models` lists every downloaded model with `state`
 * ("loaded" / "not-loaded"), `type` ("llm", "vlm" for vision, "embeddings"), quantisation,
 * `max_context_length`, `loaded_context_length` once loaded, and `capabilities` (e.g. "tool_use").
 * It loads a model on first use (just in time) unless that is turned off.
 */
export const lmstudioAdapter = defineAdapter({
  kind: 'lmstudio',
  wording: {
    start:
      'Start LM Studio’s server (Developer tab, or `lms server start`), or check the backend URL and port.',
    missingModel: (model) =>
      `Download ${model ?? 'the model'} in LM Studio (or \`lms get ${model ?? 'MODEL'}\`), or pick one from the list.`,
    noModels: 'Download a model in LM Studio (or `lms get MODEL`), then retry.',
    badKey: 'Set an API token from LM Studio’s server settings as this profile’s API key.',
    noVision:
      'Choose a vision model in LM Studio (type VLM, e.g. qwen2.5-vl or gemma-3), or remove the images.',
  },

  async modelDetails(target, http) {
    const entries = await listing(target, http);
    if (!entries) return undefined;
    const byId = new Map(entries.map((m) => [String(m.id), m]));
    return ({ id }) => {
      const entry = byId.get(id);
      return entry ? details(entry) : undefined;
    };
  },

  /** The context a loaded model runs with, else the most it could take once loaded. */
  async contextLength(target, model, http) {
    const entry = (await listing(target, http))?.find((m) => m.id === model);
    const loaded = positiveInt(entry?.loaded_context_length);
    if (loaded)
      return {
        contextLength: loaded,
        source: 'model',
        detail: `LM Studio runs ${model} with ${tokens(loaded)} tokens.`,
      };
    const maximum = positiveInt(entry?.max_context_length);
    return maximum
      ? {
          contextLength: maximum,
          source: 'model',
          detail: `${model} takes at most ${tokens(maximum)} tokens (LM Studio sets the context when it loads it).`,
        }
      : undefined;
  },

  async capabilities(target, model, http) {
    const entry = (await listing(target, http))?.find((m) => m.id === model);
    return entry ? capabilitiesOf(entry) : {};
  },

  async diagnose(target, report, http) {
    const entries = await listing(target, http);
    if (!entries) return;
    const loaded = entries.filter((m) => m.state === 'loaded').map((m) => String(m.id));
    report.diagnostics = {
      server: 'LM Studio',
      notes: [
        {
          text:
            loaded.length > 0
              ? `Loaded now: ${loaded.join(', ')}`
              : 'No model is loaded; LM Studio loads one on first use.',
          tone: 'info',
        },
      ],
      models: entries.flatMap((m): ModelInfo[] => (text(m.id) ? [{ id: String(m.id), ...details(m) }] : [])),
    };
  },

  async identify(origin, http) {
    const body = okObject(await requestJson(`${origin}/api/v0/models`, http));
    if (!body || !Array.isArray(body.data)) return false;
    // Each entry says whether it is loaded: that is what sets LM Studio's listing apart.
    return listOf(body, 'data').every((m) => m.state === 'loaded' || m.state === 'not-loaded');
  },
});

async function listing(target: BackendTarget, http: AdapterHttp) {
  const reply = await requestJson(`${originOf(target.baseUrl)}/api/v0/models`, {
    ...http,
    headers: authHeaders(target.apiKey),
  });
  const body = okObject(reply);
  return Array.isArray(body?.data) ? listOf(body, 'data') : undefined;
}

function details(entry: Record<string, unknown>): Omit<ModelInfo, 'id'> {
  const family = text(entry.arch);
  const quantization = text(entry.quantization);
  const contextLength = positiveInt(entry.loaded_context_length) ?? positiveInt(entry.max_context_length);
  const capabilities = capabilitiesOf(entry);
  return {
    ...(family ? { family } : {}),
    ...(quantization ? { quantization } : {}),
    ...(typeof entry.state === 'string' ? { loaded: entry.state === 'loaded' } : {}),
    ...(contextLength ? { contextLength } : {}),
    ...(Object.keys(capabilities).length > 0 ? { capabilities } : {}),
  };
}

/** `type: "vlm"` takes images; `capabilities: ["tool_use"]` (LM Studio 0.3.16+) calls tools. */
function capabilitiesOf(entry: Record<string, unknown>): ModelCapabilities {
  const type = entry.type;
  const list = entry.capabilities;
  return {
    ...(type === 'vlm' || type === 'llm' ? { vision: type === 'vlm' } : {}),
    ...(Array.isArray(list) ? { tools: list.includes('tool_use') } : {}),
  };
}
