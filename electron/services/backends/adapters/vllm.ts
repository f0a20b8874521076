import { defineAdapter } from '../adapter';
import { originOf } from '../backend-target';
import { okObject, positiveInt, requestJson, text, tokens } from '../http';
import { requestModels, type ListedModel } from '../model-list';

/**
 * vLLM: every `/v1/models` entry carries `max_model_len`, the context it serves the model with;
 * `/version` names the release. With --api-key, `/v1/*` needs the key but `/version` does not.
 */
export const vllmAdapter = defineAdapter({
  kind: 'vllm',
  wording: {
    start: 'Start vLLM (`vllm serve MODEL`), or check the backend URL and port.',
    missingModel: () =>
      'vLLM serves the models it was started with: pick one from the list (or its --served-model-name).',
    noModels: 'Start vLLM with a model (`vllm serve MODEL`).',
    badKey: 'Set the key vLLM was started with (--api-key) as this profile’s API key.',
    noVision:
      'Serve a vision model with vLLM (e.g. `vllm serve Qwen/Qwen2.5-VL-7B-Instruct`), or remove the images.',
  },

  modelDetails() {
    return Promise.resolve((model: ListedModel) => {
      const length = positiveInt(model.fields.max_model_len);
      return { loaded: true, ...(length ? { contextLength: length } : {}) };
    });
  },

  async contextLength(target, model, http) {
    const listed = await requestModels(target, http).catch(() => []);
    const length = positiveInt(listed.find((m) => m.id === model)?.fields.max_model_len);
    return length
      ? {
          contextLength: length,
          source: 'model',
          detail: `vLLM serves ${model} with ${tokens(length)} tokens.`,
        }
      : undefined;
  },

  async diagnose(target, report, http) {
    const [reply, listed] = await Promise.all([
      requestJson(`${originOf(target.baseUrl)}/version`, http),
      report.outcome === 'ok' ? requestModels(target, http).catch(() => []) : Promise.resolve([]),
    ]);
    const version = text(okObject(reply)?.version);
    const models = listed.flatMap((m) => {
      const length = positiveInt(m.fields.max_model_len);
      return length ? [{ id: m.id, loaded: true, contextLength: length }] : [];
    });
    if (version === undefined && models.length === 0) return;
    report.diagnostics = { server: version ? `vLLM ${version}` : 'vLLM', notes: [], models };
  },

  async identify(origin, http) {
    const reply = okObject(await requestJson(`${origin}/v1/models`, http));
    const data = Array.isArray(reply?.data) ? (reply.data as unknown[]) : [];
    return data.some(
      (m) => !!m && typeof m === 'object' && positiveInt((m as ListedModel['fields']).max_model_len),
    );
  },
});
