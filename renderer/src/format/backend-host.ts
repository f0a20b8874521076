/** The host:port of a backend base URL, for the compact header indicator. */
export function backendHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

const loopback = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** Whether replies come from this machine, so the empty state can say "runs locally" only when true. */
export function isLocalBackend(baseUrl: string): boolean {
  return loopback.test(backendHost(baseUrl));
}
