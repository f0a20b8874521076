import { defineAdapter } from '../adapter';
import { okObject, requestJson } from '../http';

/**
 * Any other OpenAI-compatible server: `/models` and chat only, nothing assumed. As a probe it is
 * the catch-all: anything that lists models at `/v1/models` looks like one.
 */
export const customAdapter = defineAdapter({
  kind: 'custom',
  async identify(origin, http) {
    const body = okObject(await requestJson(`${origin}/v1/models`, http));
    return Array.isArray(body?.data);
  },
});
