import type { DesktopService } from '../services/desktop/desktop-service';
import type { RoutesOf } from './routes-of';

/** The tray window hides itself (after handing work to the main window, or on Escape). */
export function trayRoutes({ desktop }: { desktop: DesktopService }): RoutesOf<'tray'> {
  return {
    'tray.hide': () => desktop.hideTrayWindow(),
  };
}
