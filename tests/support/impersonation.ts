import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type Flavor, type TestServer, type TestServerOptions } from './openai-test-server';

/**
 * Servers that look like each kind of model server, and one that is not a model server at all,
 * for the first-run scan (`onboarding.scan`) and identification: unit tests and the browser host's
 * `LLM_DESK_SCAN_PORTS` take their ports.
 */

export interface WebPage {
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A router's admin page: 200 and HTML on every path, the worst case for a probe. */
export async function startWebPage(): Promise<WebPage> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Router admin</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One test server per kind asked, each on its own free port. */
export async function startImpersonations(
  flavors: readonly Flavor[],
  options: Partial<Record<Flavor, TestServerOptions>> = {},
): Promise<Map<Flavor, TestServer>> {
  const servers = new Map<Flavor, TestServer>();
  for (const flavor of flavors) servers.set(flavor, await startTestServer({ flavor, ...options[flavor] }));
  return servers;
}
