import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ProfileList } from '../../shared/contract/routes';
import { EXAMPLE_BASE_URL } from '../../shared/domain/profiles';
import { createApp } from '../app/create-app';
import { openConfStore } from '../services/store/open-conf-store';
import { startBrowserHost } from './browser-host';

const usage = `Usage: npm run browser -- --port N --data DIR --backend URL [--model ID] [--api-key KEY]

  --port N        port on 127.0.0.1 (default 5173; 0 picks a free one)
  --data DIR      folder for settings and conversations (default: the app's data folder)
  --backend URL   OpenAI-compatible base URL, e.g. ${EXAMPLE_BASE_URL} (Ollama)
  --model ID      model to use (default: the first one the backend lists, remembered)
  --api-key KEY   API key for that backend (kept in memory only; OpenAI profiles also read OPENAI_API_KEY)
  --token T       access token for the page (default: random)
  --scan-ports L  ports the first-run scan looks at, e.g. 1234,5678 (or LLM_DESK_SCAN_PORTS;
                  default: Ollama 11434, LM Studio 1234, llama.cpp 8080, LiteLLM 4000, vLLM 8000, Jan 1337)`;

function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'local-llm-desk', 'data');
  if (process.platform === 'darwin')
    return join(home, 'Library', 'Application Support', 'local-llm-desk', 'data');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'local-llm-desk', 'data');
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${value}".`);
  return n;
}

/** "1234, 5678" → [1234, 5678]; undefined when not given. */
function portList(value: string | undefined, name: string): number[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((part) => {
    const n = Number(part.trim());
    if (!Number.isInteger(n) || n < 1 || n > 65_535)
      throw new Error(`${name} must list ports between 1 and 65535, e.g. 1234,5678; got "${part.trim()}".`);
    return n;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      backend: { type: 'string' },
      model: { type: 'string' },
      'api-key': { type: 'string' },
      token: { type: 'string' },
      'scan-ports': { type: 'string' },
      'idle-timeout-ms': { type: 'string' },
      'checkpoint-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = numberOption(values.port, 'port') ?? 5173;
  const dataDir = resolve(values.data ?? defaultDataDir());
  const idleTimeoutMs = numberOption(values['idle-timeout-ms'], 'idle-timeout-ms');
  const checkpointMs = numberOption(values['checkpoint-ms'], 'checkpoint-ms');
  const apiKey = values['api-key'];
  const environmentKey = process.env.OPENAI_API_KEY?.trim();
  const scanPorts =
    portList(values['scan-ports'], '--scan-ports') ??
    portList(process.env.LLM_DESK_SCAN_PORTS, 'LLM_DESK_SCAN_PORTS');

  const core = createApp({
    dataDir,
    openStore: openConfStore,
    backend: {
      ...(values.backend !== undefined ? { baseUrl: values.backend } : {}),
      ...(values.model !== undefined ? { model: values.model } : {}),
      ...(apiKey ? { apiKey } : {}),
    },
    ...(environmentKey ? { environmentKey } : {}),
    ...(idleTimeoutMs !== undefined ? { chat: { idleTimeoutMs } } : {}),
    ...(checkpointMs !== undefined ? { store: { checkpointMs } } : {}),
    ...(scanPorts ? { discovery: { ports: scanPorts } } : {}),
  });
  const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  const host = await startBrowserHost({
    core,
    rendererDir,
    port,
    ...(values.token ? { token: values.token } : {}),
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const listed = await core.router.dispatch('profiles.list', undefined);
  const list = listed.ok ? (listed.value as ProfileList) : undefined;
  const backend = list?.profiles.find((p) => p.id === list.defaultProfileId);
  console.log(`Data folder: ${dataDir}`);
  if (backend) {
    const model = backend.defaultModel ? `model ${backend.defaultModel}` : 'model: the first one it lists';
    console.log(`Default backend: ${backend.name} at ${backend.baseUrl} (${model})`);
  }
  console.log('Open this URL in a browser (it carries the access token):');
  console.log(host.url);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (/EADDRINUSE/.test(message)) console.error(`The port is already in use. Pick another with --port.`);
  else console.error(`Could not start the browser host: ${message}`);
  console.error(usage);
  process.exit(1);
});
