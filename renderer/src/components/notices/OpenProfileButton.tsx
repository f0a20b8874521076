import { useContext } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import { useController } from '../../state/controller-context';
import { DesktopContext } from '../../state/desktop/desktop-context';
import { openInMainWindow } from '../../state/desktop/desktop-commands';

/** When an error's fix is in a profile's settings, the button that takes the user there (from the tray window, in the main window). */
export function OpenProfileButton({ error }: { error: UserError }) {
  const controller = useController();
  const desktop = useContext(DesktopContext);
  const action = error.action;
  if (action?.kind !== 'open-profile') return null;
  return (
    <button
      type="button"
      className="button open-profile-button"
      onClick={() =>
        void openInMainWindow(controller, desktop, { command: 'open-settings', profileId: action.profileId })
      }
    >
      Open profile settings
    </button>
  );
}
