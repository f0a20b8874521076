import { parseArgs } from 'node:util';
import {
  DEFAULT_REASONING,
  REASONING_STYLES,
  startTestServer,
  type Flavor,
  type ReasoningStyle,
} from './openai-test-server';

/**
 * The test server on its own, for manual testing:
 *
 *   npx tsx tests/support/run-test-server.ts --port 11434 --flavor ollama [--tps 50] [--models a,b] [--api-key k] [--omit-usage]
 *     [--reasoning reasoning|reasoning_content|thinking|think-tags|think-open|hidden [--reasoning-cut-off]]
 *
 * Prints its base URL (…/v1) as the last line of stdout once listening; Ctrl-C closes it.
 */
const FLAVORS: readonly Flavor[] = ['ollama', 'litellm', 'openai', 'llamacpp', 'vllm', 'lmstudio'];

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    flavor: { type: 'string', default: 'ollama' },
    tps: { type: 'string' },
    models: { type: 'string' },
    'api-key': { type: 'string' },
    'omit-usage': { type: 'boolean' },
    reasoning: { type: 'string' },
    'reasoning-cut-off': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  console.log(
    'usage: tsx tests/support/run-test-server.ts [--port N] [--flavor ollama|litellm|openai|llamacpp] [--tps N] [--models a,b] [--api-key k] [--omit-usage] [--reasoning STYLE [--reasoning-cut-off]]',
  );
  process.exit(0);
}

const flavor = values.flavor as Flavor;
if (!FLAVORS.includes(flavor)) {
  console.error(`unknown flavor '${values.flavor}'; expected one of ${FLAVORS.join(', ')}`);
  process.exit(2);
}
const reasoning = values.reasoning as ReasoningStyle | undefined;
if (reasoning !== undefined && !REASONING_STYLES.includes(reasoning)) {
  console.error(
    `unknown reasoning style '${values.reasoning}'; expected one of ${REASONING_STYLES.join(', ')}`,
  );
  process.exit(2);
}
const port = Number(values.port);
const tps = values.tps === undefined ? undefined : Number(values.tps);
if (!Number.isInteger(port) || port < 0 || port > 65_535 || (tps !== undefined && !(tps >= 0))) {
  console.error('--port must be 0..65535 and --tps a number >= 0');
  process.exit(2);
}
const models = values.models
  ?.split(',')
  .map((m) => m.trim())
  .filter(Boolean);

const server = await startTestServer({
  flavor,
  port,
  ...(tps !== undefined ? { tokensPerSecond: tps } : {}),
  ...(models?.length ? { models } : {}),
  ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
  ...(values['omit-usage'] ? { omitUsage: true } : {}),
  ...(reasoning
    ? {
        reasoning: {
          style: reasoning,
          text: DEFAULT_REASONING,
          ...(values['reasoning-cut-off'] ? { cutOff: true } : {}),
        },
      }
    : {}),
});

const shutdown = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

const notes = [values['api-key'] ? 'API key required' : '', reasoning ? `reasoning: ${reasoning}` : '']
  .filter(Boolean)
  .join(', ');
console.log(`${flavor} test server on ${server.origin}${notes ? ` (${notes})` : ''}`);
console.log(server.url);
