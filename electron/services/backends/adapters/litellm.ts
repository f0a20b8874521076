import type { ConnectionReport } from '../../../../shared/domain/profiles';
import { defineAdapter } from '../adapter';
import { authHeaders, originOf } from '../backend-target';
import { listOf, okObject, positiveInt, requestJson, tokens, type JsonReply } from '../http';

/**
 * LiteLLM proxy: models are the `model_name`s of its config; an unknown one is a 400 "Invalid model
 * name"; `/model/info` gives limits; `/health/liveliness` answers without a key and calls no model
 * (unlike `/health`, which calls every one and is never asked).
 */
export const litellmAdapter = defineAdapter({
  kind: 'litellm',
  wording: {
    start: 'Start the proxy (`litellm --config config.yaml`), or check the backend URL and port.',
    missingModel: () => 'Use a model_name from the LiteLLM proxy’s config, or pick one from the list.',
    noModels: 'Add a model to the proxy’s config (model_list), or check that this key may use one.',
    badKey: 'Set the proxy’s master key or a valid virtual key (sk-…) as this profile’s API key.',
    noVision:
      'Choose a model_name the proxy routes to a vision model (e.g. llama3.2-vision or qwen2.5-vl on Ollama), or remove the images.',
  },

  /** `max_input_tokens` (else `max_tokens`) of the `model_name` in `/model/info`, which needs the key. */
  async contextLength(target, model, http) {
    const reply = await requestJson(`${originOf(target.baseUrl)}/model/info`, {
      ...http,
      headers: authHeaders(target.apiKey),
    });
    const entry = listOf(okObject(reply), 'data').find((d) => d.model_name === model);
    const info = (
      entry?.model_info && typeof entry.model_info === 'object' ? entry.model_info : {}
    ) as Record<string, unknown>;
    const length = positiveInt(info.max_input_tokens) ?? positiveInt(info.max_tokens);
    return length
      ? {
          contextLength: length,
          source: 'model',
          detail: `LiteLLM says ${model} takes ${tokens(length)} input tokens.`,
        }
      : undefined;
  },

  async diagnose(target, report, http) {
    const live = await requestJson(`${originOf(target.baseUrl)}/health/liveliness`, http);
    const litellm = liveliness(live);
    report.litellm = litellm;
    report.diagnostics = {
      server: 'LiteLLM proxy',
      notes: [
        litellm.alive
          ? { text: 'Proxy alive.', tone: 'info' }
          : {
              text: `The proxy’s health check did not answer${litellm.detail ? ` — ${litellm.detail}` : ''}.`,
              tone: 'warning',
            },
      ],
      models: [],
    };
  },

  async identify(origin, http) {
    const reply = await requestJson(`${origin}/health/liveliness`, http);
    // It answers the JSON string "I'm alive!".
    return (
      !!reply && reply.status === 200 && typeof reply.body === 'string' && /^I.?m alive/i.test(reply.body)
    );
  },
});

function liveliness(reply: JsonReply | undefined): NonNullable<ConnectionReport['litellm']> {
  if (!reply) return { alive: false, detail: 'No answer from /health/liveliness.' };
  const alive = reply.status >= 200 && reply.status < 300;
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  return { alive, detail: alive ? text.slice(0, 200) : `HTTP ${reply.status}` };
}
