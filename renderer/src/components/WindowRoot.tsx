import { useEffect } from 'react';
import { useController } from '../state/controller-context';
import { commandAction, runCommandAction } from '../state/desktop/desktop-commands';
import { useDesktop } from '../state/desktop/desktop-context';
import { App } from './App';
import { TrayApp } from './tray/TrayApp';

/** The main window's full layout or the tray window's compact one, and the shell's commands for either. */
export function WindowRoot() {
  const controller = useController();
  const desktop = useDesktop();

  useEffect(
    () =>
      desktop.onCommand((command) => {
        const action = commandAction(desktop.kind, command);
        if (action) runCommandAction(controller, action);
      }),
    [controller, desktop],
  );

  return desktop.kind === 'tray' ? <TrayApp /> : <App />;
}
