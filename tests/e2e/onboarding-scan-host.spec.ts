import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import type { DiscoveryReport } from '../../shared/domain/discovery';
import { startImpersonations, startWebPage } from '../support/impersonation';
import { HostProcess } from './host-process';

/**
 * The browser host as a user starts it, told which ports to scan (`--scan-ports`), so the first-run
 * scan never depends on the default ports being free: it finds the servers there by what they
 * answer and leaves out a plain web page. The onboarding screen itself is tested with the window.
 */
test('the host scans the ports it is given and offers only model servers', async () => {
  const servers = await startImpersonations(['ollama', 'llamacpp'], {
    ollama: { models: [] },
    llamacpp: { models: ['model.gguf'] },
  });
  const web = await startWebPage();
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-scan-'));
  const ports = [...[...servers.values()].map((s) => s.port), web.port];
  const host = new HostProcess({
    data: dataDir,
    backend: servers.get('ollama')!.url,
    extra: ['--scan-ports', ports.join(',')],
  });
  try {
    const url = new URL(await host.start());
    const ws = new WebSocket(`ws://${url.host}/ws`, {
      headers: { origin: url.origin, cookie: `assistant_token=${url.searchParams.get('token')}` },
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answer = new Promise<{ ok: boolean; value: DiscoveryReport }>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { kind: string; id?: number; result?: unknown };
        if (message.kind === 'result' && message.id === 1)
          resolve(message.result as { ok: boolean; value: DiscoveryReport });
      }),
    );
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, route: 'onboarding.scan' }));
    const result = await answer;
    ws.terminate();
    expect(result.ok).toBe(true);
    expect(result.value.ports).toEqual(ports);
    expect(result.value.servers.map((s) => [s.kind, s.models])).toEqual([
      ['ollama', []],
      ['llamacpp', ['model.gguf']],
    ]);
    // The profile made from --backend points at the Ollama found.
    expect(result.value.servers[0]?.profileId).toBeDefined();
  } finally {
    await host.stop();
    await Promise.all([...[...servers.values()].map((s) => s.close()), web.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
