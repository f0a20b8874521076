import type { UserError } from '../../../../shared/domain/errors';
import { useController } from '../../state/controller-context';

/** When an error's fix is in a profile's settings, the button that takes the user there. */
export function OpenProfileButton({ error }: { error: UserError }) {
  const controller = useController();
  const action = error.action;
  if (action?.kind !== 'open-profile') return null;
  return (
    <button
      type="button"
      className="button open-profile-button"
      onClick={() => controller.openSettings(action.profileId)}
    >
      Open profile settings
    </button>
  );
}
