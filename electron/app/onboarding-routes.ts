import { scanLocalServers } from '../services/discovery/local-scan';
import type { ProfileService } from '../services/profiles/profile-service';
import type { RoutesOf } from './routes-of';

export interface OnboardingRoutesDeps {
  profiles: Pick<ProfileService, 'list'>;
  /** The ports to look at (tests and `--scan-ports`); default: every local server's own. */
  scanPorts?: readonly number[];
  fetch?: typeof fetch;
}

/** First run: which model servers run on this computer. */
export function onboardingRoutes(deps: OnboardingRoutesDeps): RoutesOf<'onboarding'> {
  return {
    'onboarding.scan': () =>
      scanLocalServers({
        profiles: deps.profiles.list(),
        ...(deps.scanPorts ? { ports: deps.scanPorts } : {}),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      }),
  };
}
