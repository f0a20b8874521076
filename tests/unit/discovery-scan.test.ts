import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAN_PORTS, scanLocalServers } from '../../electron/services/discovery/local-scan';
import { DEFAULT_PORTS } from '../../shared/domain/profiles';
import type { Flavor, TestServer } from '../support/openai-test-server';
import { startImpersonations, startWebPage, type WebPage } from '../support/impersonation';
import { AppHarness } from '../support/app-harness';
import { freePort } from '../support/free-port';

/** The first-run scan: servers found by what they answer, never by port; a web page is not offered. */
const local = ['ollama', 'litellm', 'llamacpp', 'vllm', 'lmstudio'] as const;
let servers: Map<Flavor, TestServer>;
let web: WebPage;
let closed: number;

beforeAll(async () => {
  servers = await startImpersonations(local, {
    ollama: { models: ['llama3.2:1b', 'qwen3:0.6b'] },
    llamacpp: { models: ['model.gguf'] },
    vllm: { models: ['Qwen/Qwen2.5-7B-Instruct'] },
    lmstudio: { models: ['qwen2.5-7b-instruct'] },
    litellm: { models: ['my-finetune'] },
  });
  web = await startWebPage();
  closed = await freePort();
});
afterAll(async () => {
  await Promise.all([...[...servers.values()].map((s) => s.close()), web.close()]);
});

const portOf = (flavor: Flavor) => servers.get(flavor)!.port;

describe('onboarding scan', () => {
  it('probes every default port (and Jan’s) unless told others', () => {
    expect([...SCAN_PORTS].sort((a, b) => a - b)).toEqual(
      [...Object.values(DEFAULT_PORTS), 1337].sort((a, b) => a - b),
    );
  });

  it('identifies each server by what it answers, with its models; a web page and a closed port are not offered', async () => {
    const ports = [...local.map(portOf), web.port, closed];
    const report = await scanLocalServers({
      ports,
      profiles: [{ id: 'saved-ollama', baseUrl: `http://localhost:${portOf('ollama')}/v1` }],
    });
    expect(report.ports).toEqual(ports);
    expect(report.servers.map((s) => s.kind)).toEqual([...local]);
    const byKind = new Map(report.servers.map((s) => [s.kind, s]));
    expect(byKind.get('ollama')).toEqual({
      kind: 'ollama',
      baseUrl: `http://127.0.0.1:${portOf('ollama')}/v1`,
      port: portOf('ollama'),
      server: 'Ollama 0.12.3',
      models: ['llama3.2:1b', 'qwen3:0.6b'],
      profileId: 'saved-ollama',
    });
    expect(byKind.get('llamacpp')).toMatchObject({
      server: 'llama-server b4600-test',
      models: ['model.gguf'],
    });
    expect(byKind.get('vllm')).toMatchObject({ server: 'vLLM 0.10.1', models: ['Qwen/Qwen2.5-7B-Instruct'] });
    expect(byKind.get('lmstudio')).toMatchObject({ server: 'LM Studio', models: ['qwen2.5-7b-instruct'] });
    expect(byKind.get('litellm')).toMatchObject({ server: 'LiteLLM proxy', models: ['my-finetune'] });
    expect(byKind.get('litellm')?.profileId).toBeUndefined();
  });

  it('a server on another kind’s default port is still named by what it is', async () => {
    // An Ollama listening where llama.cpp usually does would be called llama.cpp by its port.
    const report = await scanLocalServers({ ports: [portOf('ollama')] });
    expect(report.servers[0]?.kind).toBe('ollama');
  });

  it('an Ollama without models is offered, with an empty list (the window offers a pull)', async () => {
    const [empty] = await startImpersonations(['ollama'], { ollama: { models: [] } }).then((m) => [
      ...m.values(),
    ]);
    try {
      const report = await scanLocalServers({ ports: [empty!.port] });
      expect(report.servers).toEqual([expect.objectContaining({ kind: 'ollama', models: [] })]);
    } finally {
      await empty!.close();
    }
  });

  it('onboarding.scan: the app probes the ports it was given and names the saved profile there', async () => {
    const app = new AppHarness({ discovery: { ports: [portOf('lmstudio'), web.port] } });
    try {
      const created = await app.call('profiles.create', {
        name: 'Studio',
        kind: 'lmstudio',
        baseUrl: `http://127.0.0.1:${portOf('lmstudio')}/v1`,
        params: {},
      });
      const report = await app.call('onboarding.scan');
      expect(report.ports).toEqual([portOf('lmstudio'), web.port]);
      expect(report.servers).toEqual([
        expect.objectContaining({ kind: 'lmstudio', profileId: created.id, models: ['qwen2.5-7b-instruct'] }),
      ]);
    } finally {
      await app.close();
    }
  });
});
