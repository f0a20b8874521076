import type { DesktopService } from '../services/desktop/desktop-service';
import type { RoutesOf } from './routes-of';

/** Desktop preferences (tray, shortcut, login item, notifications) and what the shell could apply. */
export function desktopRoutes({ desktop }: { desktop: DesktopService }): RoutesOf<'desktop'> {
  return {
    'desktop.get': () => desktop.view(),
    'desktop.update': ({ patch }) => desktop.update(patch),
  };
}
