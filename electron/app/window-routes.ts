import type { DesktopHost } from '../services/desktop/desktop-host';
import type { EventBus } from '../services/events/event-bus';
import type { RoutesOf } from './routes-of';

export interface WindowRoutesDeps {
  /** The Electron shell; absent in the browser host. */
  host: DesktopHost | undefined;
  events: EventBus;
}

/** The tray window hands work to the main window: shown, then sent the command once its page has loaded. */
export function windowRoutes({ host, events }: WindowRoutesDeps): RoutesOf<'window'> {
  return {
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
  };
}
