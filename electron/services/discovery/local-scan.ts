import type { DiscoveredServer, DiscoveryReport } from '../../../shared/domain/discovery';
import { DEFAULT_PORTS, profilePresets, type ProfileKind } from '../../../shared/domain/backend-presets';
import { identifyServer } from '../backends/adapters';
import { originOf } from '../backends/backend-target';
import { testConnection } from '../backends/connection-test';

/** Jan's local API server: OpenAI-compatible, so it is found as such (there is no Jan kind). */
export const JAN_PORT = 1337;

/** The ports a first run looks at: every local kind's default, and Jan's. */
export const SCAN_PORTS: readonly number[] = [...new Set([...Object.values(DEFAULT_PORTS), JAN_PORT])];

export interface ScanDeps {
  /** Default SCAN_PORTS; tests pass the ports their servers listen on. */
  ports?: readonly number[];
  /** Where to look. Default 127.0.0.1: a scan never leaves this computer. */
  host?: string;
  fetch?: typeof fetch;
  /** Per probe request. Default 1.5 s: loopback answers in milliseconds or refuses at once. */
  timeoutMs?: number;
  now?: () => number;
  /** Saved profiles, to say which server one already points at. */
  profiles?: readonly { id: string; baseUrl: string }[];
}

/**
 * Looks for model servers on this computer: every port at once, each identified by what it answers
 * (Ollama's `/api/version`, LM Studio's `/api/v0/models`, llama.cpp's `/props`, LiteLLM's
 * `/health/liveliness`, vLLM's `max_model_len`, else any OpenAI-style `/v1/models`), never by its
 * port alone: a port answering some other web page is not offered. Each server found comes with
 * the models it lists. Never throws.
 */
export async function scanLocalServers(deps: ScanDeps = {}): Promise<DiscoveryReport> {
  const now = deps.now ?? Date.now;
  const ports = [...new Set(deps.ports ?? SCAN_PORTS)];
  const host = deps.host ?? '127.0.0.1';
  const http = { timeoutMs: deps.timeoutMs ?? 1_500, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  const found = await Promise.all(
    ports.map((port) => probePort(`http://${host}:${port}`, port, http, deps).catch(() => undefined)),
  );
  return {
    servers: found.filter((s): s is DiscoveredServer => s !== undefined),
    ports,
    scannedAt: now(),
  };
}

async function probePort(
  origin: string,
  port: number,
  http: { timeoutMs: number; fetch?: typeof fetch },
  deps: ScanDeps,
): Promise<DiscoveredServer | undefined> {
  const kind = await identifyServer(origin, http);
  // OpenAI itself answers only at its own host: a local port that looks like it is something else.
  if (kind === undefined || kind === 'openai') return undefined;
  const baseUrl = `${origin}/v1`;
  const report = await testConnection(
    { baseUrl, kind },
    {
      timeoutMs: http.timeoutMs * 2,
      diagnosticsTimeoutMs: http.timeoutMs,
      completion: 'never',
      ...(http.fetch ? { fetch: http.fetch } : {}),
    },
  );
  const profileId = deps.profiles?.find((p) => sameServer(p.baseUrl, origin))?.id;
  return {
    kind,
    baseUrl,
    port,
    server: report.diagnostics?.server ?? serverName(kind, port),
    models: report.modelIds ?? [],
    ...(profileId ? { profileId } : {}),
  };
}

function serverName(kind: ProfileKind, port: number): string {
  if (kind !== 'custom') return profilePresets[kind].name;
  return port === JAN_PORT ? 'OpenAI-compatible server (Jan’s port)' : 'OpenAI-compatible server';
}

/** localhost, 127.0.0.1 and [::1] are this computer alike. */
function sameServer(baseUrl: string, origin: string): boolean {
  const canonical = (url: string) =>
    originOf(url).replace(/^(https?:\/\/)(localhost|\[::1\]|127\.0\.0\.1)(?=[:/]|$)/i, '$1loopback');
  return canonical(baseUrl) === canonical(origin);
}
