import type { ProfileKind } from '../../../shared/domain/profiles';
import type { AdapterHttp, BackendAdapter } from './adapter';
import { customAdapter } from './adapters/custom';
import { litellmAdapter } from './adapters/litellm';
import { llamacppAdapter } from './adapters/llamacpp';
import { lmstudioAdapter } from './adapters/lmstudio';
import { ollamaAdapter } from './adapters/ollama';
import { openaiAdapter } from './adapters/openai';
import { vllmAdapter } from './adapters/vllm';

/** One adapter per profile kind: the compiler insists that a new kind brings its adapter. */
const ADAPTERS: Record<ProfileKind, BackendAdapter> = {
  ollama: ollamaAdapter,
  litellm: litellmAdapter,
  openai: openaiAdapter,
  llamacpp: llamacppAdapter,
  vllm: vllmAdapter,
  lmstudio: lmstudioAdapter,
  custom: customAdapter,
};

export function adapterFor(kind: ProfileKind): BackendAdapter {
  return ADAPTERS[kind];
}

/**
 * Which kind of server answers at `origin` (e.g. http://gpu-box:9000), by what it answers:
 * the specific kinds first, in parallel, then the catch-all OpenAI-compatible probe. Undefined when
 * nothing there looks like a backend (nothing listens, or it is some other web page).
 */
export async function identifyServer(
  origin: string,
  http: AdapterHttp = { timeoutMs: 2_000 },
): Promise<ProfileKind | undefined> {
  const specific = Object.values(ADAPTERS).filter((a) => a !== customAdapter);
  const answers = await Promise.all(specific.map((a) => a.identify(origin, http).catch(() => false)));
  const found = specific.find((_, i) => answers[i]);
  if (found) return found.kind;
  return (await customAdapter.identify(origin, http).catch(() => false)) ? 'custom' : undefined;
}
