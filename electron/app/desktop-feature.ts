import type { DesktopPrefs } from '../../shared/domain/desktop';
import type { StoreProblem } from '../../shared/domain/store-problem';
import type { EventBus } from '../services/events/event-bus';
import type { DesktopHost } from '../services/desktop/desktop-host';
import { DesktopService } from '../services/desktop/desktop-service';
import type { RouteHandlers } from '../services/router/router';
import type { OpenStore } from '../services/store/kv-store';

export type { DesktopHost } from '../services/desktop/desktop-host';

export interface DesktopFeatureOptions {
  dataDir: string;
  openStore: OpenStore;
  events: EventBus;
  /** The Electron shell; absent in the browser host, where preferences are stored but not applied. */
  host?: DesktopHost;
}

export interface DesktopFeature {
  routes: Pick<RouteHandlers, 'desktop.get' | 'desktop.update' | 'tray.hide' | 'window.showMain'>;
  prefs(): DesktopPrefs;
  /** Damaged desktop files moved aside (reported before any window listened). */
  problems(): StoreProblem[];
  close(): void;
}

/** Desktop preferences (tray, shortcut, login item, notifications): routes over the desktop service. */
export function createDesktopFeature(options: DesktopFeatureOptions): DesktopFeature {
  const { events, host } = options;
  const service = new DesktopService({
    dir: options.dataDir,
    openStore: options.openStore,
    ...(options.host ? { host: options.host } : {}),
    onChanged: (view) => events.emit('desktop.changed', view),
    onProblem: (problem) => events.emit('store.problem', problem),
  });
  return {
    routes: {
      'desktop.get': () => service.view(),
      'desktop.update': ({ patch }) => service.update(patch),
      'tray.hide': () => service.hideTrayWindow(),
      // The browser host has no other window to show: it answers `shown: false` and sends nothing.
      'window.showMain': ({ command, conversationId, profileId, prompt }) => {
        const shown =
          host?.showMainWindow(() =>
            events.emit('app.command', {
              command,
              target: 'main',
              ...(conversationId !== undefined ? { conversationId } : {}),
              ...(profileId !== undefined ? { profileId } : {}),
              ...(prompt !== undefined ? { prompt } : {}),
            }),
          ) ?? false;
        return { shown };
      },
    },
    prefs: () => service.prefs(),
    problems: () => service.problems(),
    close: () => service.close(),
  };
}
