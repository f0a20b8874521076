import { join } from 'node:path';
import type { RouteName } from '../../shared/contract/routes';
import type { BackendClients } from '../services/backends/backend-client';
import type { ChatTimings } from '../services/chat/chat-service';
import { CompareService } from '../services/compare/compare-service';
import { CompareStore } from '../services/compare/compare-store';
import { PromptSets } from '../services/compare/prompt-sets';
import type { EventBus } from '../services/events/event-bus';
import type { NetworkProbe } from '../services/backends/backend-target';
import type { ProfileService } from '../services/profiles/profile-service';
import type { RouteHandlers } from '../services/router/router';
import type { OpenStore } from '../services/store/kv-store';

export interface CompareFeatureOptions {
  dataDir: string;
  openStore: OpenStore;
  events: EventBus;
  profiles: ProfileService;
  clients: BackendClients;
  network: NetworkProbe;
  timings?: Partial<ChatTimings>;
}

export type CompareRouteName = Extract<RouteName, `compare.${string}`>;

export interface CompareFeature {
  routes: Pick<RouteHandlers, CompareRouteName>;
  /** Cancels and saves running runs. */
  close(): Promise<void>;
}

/**
 * Compare runs and prompt sets: the store (in `<dataDir>/compare`, opened on first use so startup
 * does not pay for it and its problems reach a window that listens), the service, and the routes.
 */
export function createCompareFeature(options: CompareFeatureOptions): CompareFeature {
  const { events, profiles, clients, network } = options;
  let store: CompareStore | undefined;
  const openStore = () =>
    (store ??= CompareStore.open({
      dir: join(options.dataDir, 'compare'),
      openStore: options.openStore,
      onProblem: (problem) => events.emit('store.problem', problem),
    }));
  const service = new CompareService({
    store: openStore,
    backends: {
      list: () => profiles.list(),
      resolve: (id) => profiles.resolve(id),
      client: (target) => clients.client(target),
      isOnline: () => network.isOnline(),
    },
    emit: (event) => events.emit('compare.stream', event),
    onListChanged: (runs) => events.emit('compare.changed', { runs }),
    ...(options.timings ? { timings: options.timings } : {}),
  });
  const promptSets = new PromptSets(openStore);

  return {
    routes: {
      'compare.promptSets': () => promptSets.list(),
      'compare.savePromptSet': (input) => promptSets.save(input),
      'compare.deletePromptSet': ({ id }) => promptSets.delete(id),
      'compare.start': (input) => service.start(input),
      'compare.cancel': ({ runId }) => service.cancel(runId),
      'compare.list': () => service.list(),
      'compare.get': ({ id }) => service.get(id),
      'compare.delete': ({ id }) => service.delete(id),
      'compare.export': ({ id, format }) => service.export(id, format),
    },
    close: () => service.close(),
  };
}
