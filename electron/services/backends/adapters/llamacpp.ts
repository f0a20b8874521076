import type { ModelCapabilities } from '../../../../shared/domain/profiles';
import { defineAdapter, type AdapterHttp } from '../adapter';
import { authHeaders, originOf, type BackendTarget } from '../backend-target';
import { okObject, positiveInt, requestJson, text, tokens } from '../http';
import { requestModels } from '../model-list';

const LLAMACPP_NO_VISION =
  'Restart llama-server with a vision model and its projector (`--mmproj mmproj.gguf`), or choose a vision model elsewhere (e.g. llama3.2-vision or qwen2.5-vl on Ollama), or remove the images.';

/**
 * llama.cpp's llama-server: one model, whatever name is asked for. `GET /props` tells the context
 * it runs with (`default_generation_settings.n_ctx`), its build, whether it takes images
 * (`modalities.vision`) and whether its chat template knows tools (`chat_template_caps`); the
 * `/v1/models` entry carries the model's training context (`meta.n_ctx_train`).
 */
export const llamacppAdapter = defineAdapter({
  kind: 'llamacpp',
  servesOneModel: true,
  wording: {
    start: 'Start llama-server (`llama-server -m model.gguf`), or check the backend URL and port.',
    missingModel: () =>
      'llama-server serves the one model it was started with: restart it with -m and that model.',
    noModels: 'Start llama-server with a model (-m model.gguf).',
    badKey: 'Set the key llama-server was started with (--api-key) as this profile’s API key.',
    noVision: LLAMACPP_NO_VISION,
    noTools:
      'Restart llama-server with --jinja (and a chat template that knows tools), or turn tools off for this conversation.',
    explain: (_status, message) =>
      /--jinja/.test(message)
        ? {
            code: 'not-supported',
            message: 'This llama-server was started without --jinja, which tool calls need.',
            fix: 'Restart llama-server with --jinja (and a chat template that knows tools), or send without tools.',
          }
        : /image input is not supported|mmproj|multimodal/i.test(message)
          ? // Without a projector llama-server answers images with HTTP 500.
            {
              code: 'not-supported',
              message: 'This model or server cannot read images.',
              fix: LLAMACPP_NO_VISION,
            }
          : undefined,
  },

  async modelDetails(target, http) {
    const props = await getProps(target, http);
    const running = positiveInt(generation(props)?.n_ctx);
    const capabilities = capabilitiesOf(props);
    return ({ fields }) => ({
      loaded: true,
      ...(running ? { contextLength: running } : trained(fields)),
      ...(Object.keys(capabilities).length > 0 ? { capabilities } : {}),
    });
  },

  async contextLength(target, model, http) {
    const running = positiveInt(generation(await getProps(target, http))?.n_ctx);
    if (running)
      return {
        contextLength: running,
        source: 'model',
        detail: `llama-server runs with ${tokens(running)} tokens (-c).`,
      };
    const listed = await requestModels(target, http).catch(() => []);
    const train = trained(
      listed.find((m) => m.id === model)?.fields ?? listed[0]?.fields ?? {},
    ).contextLength;
    return train
      ? {
          contextLength: train,
          source: 'model',
          detail: `${model || 'The model'} was trained for ${tokens(train)} tokens.`,
        }
      : undefined;
  },

  async capabilities(target, _model, http) {
    return capabilitiesOf(await getProps(target, http));
  },

  async diagnose(target, report, http) {
    const props = await getProps(target, http);
    if (!props) return;
    const running = positiveInt(generation(props)?.n_ctx);
    const build = text(props.build_info);
    const caps = capabilitiesOf(props);
    report.diagnostics = {
      server: `llama-server${build ? ` ${build}` : ''}`,
      notes: [
        ...(running ? [{ text: `Context: ${tokens(running)} tokens.`, tone: 'info' as const }] : []),
        ...(caps.tools === false
          ? [{ text: 'Tool calls need llama-server started with --jinja.', tone: 'warning' as const }]
          : []),
      ],
      models: [],
    };
  },

  async identify(origin, http) {
    return generation(okObject(await requestJson(`${origin}/props`, http))) !== undefined;
  },
});

const getProps = async (target: BackendTarget, http: AdapterHttp) =>
  okObject(
    await requestJson(`${originOf(target.baseUrl)}/props`, { ...http, headers: authHeaders(target.apiKey) }),
  );

function generation(props: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const settings = props?.default_generation_settings;
  return settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : undefined;
}

function trained(fields: Record<string, unknown>): { contextLength?: number } {
  const meta = fields.meta && typeof fields.meta === 'object' ? (fields.meta as Record<string, unknown>) : {};
  const length = positiveInt(meta.n_ctx_train);
  return length ? { contextLength: length } : {};
}

function capabilitiesOf(props: Record<string, unknown> | undefined): ModelCapabilities {
  const modalities = props?.modalities as { vision?: unknown } | undefined;
  const caps = props?.chat_template_caps as { supports_tools?: unknown } | undefined;
  return {
    ...(typeof modalities?.vision === 'boolean' ? { vision: modalities.vision } : {}),
    ...(typeof caps?.supports_tools === 'boolean' ? { tools: caps.supports_tools } : {}),
  };
}
