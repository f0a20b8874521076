import { networkInterfaces } from 'node:os';
import type { ProfileKind } from '../../../shared/domain/profiles';

/** What a connection test, the model catalog and the monitor need to reach one backend. */
export interface BackendTarget {
  /** The base URL exactly as chat uses it (e.g. http://gpu-box:9000/v1). */
  baseUrl: string;
  apiKey?: string;
  kind: ProfileKind;
  /** When set, fixes can take the user to this profile (e.g. a rejected key). */
  profileId?: string;
}

/** Whether this machine has a network at all (loopback always works; cloud backends need one). */
export interface NetworkProbe {
  isOnline(): boolean;
}

/** IPv4 169.254.x.x and IPv6 fe80:: exist without any network: they do not count. */
const linkLocal = (address: string) => /^169\.254\./.test(address) || /^fe80:/i.test(address);

/**
 * Online when some non-internal interface has a routable address. Node lists only interfaces that
 * carry an address, which a downed interface loses. A heuristic: a VPN or a container bridge counts
 * as "online" too, so a failed request is still classified on its own merits.
 */
export const defaultNetworkProbe: NetworkProbe = {
  isOnline() {
    try {
      return Object.values(networkInterfaces()).some((list) =>
        (list ?? []).some((info) => !info.internal && !linkLocal(info.address)),
      );
    } catch {
      // Some sandboxes refuse to enumerate interfaces: assume online and let requests tell.
      return true;
    }
  },
};

/** 'http://host:port/v1' → 'http://host:port' (where the servers' own endpoints live: /api/*, /props, /health/*). */
export function originOf(baseUrl: string): string {
  try {
    const origin = new URL(baseUrl).origin;
    return origin === 'null' ? baseUrl.replace(/\/+$/, '') : origin;
  } catch {
    return baseUrl.replace(/\/+$/, '');
  }
}

/** The URL the SDK requests for `GET /models`, joined the way the SDK joins it. */
export function modelsUrlOf(baseUrl: string): string {
  return baseUrl.endsWith('/') ? `${baseUrl}models` : `${baseUrl}/models`;
}

export function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}
