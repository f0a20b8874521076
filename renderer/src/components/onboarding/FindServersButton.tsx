import { useController } from '../../state/controller-context';

/** Settings' way back to the welcome screen: looks for local servers again and shows what it finds. */
export function FindServersButton() {
  const controller = useController();
  return (
    <button
      type="button"
      className="button find-servers-button"
      onClick={() => {
        controller.onboarding.reopen();
        controller.closeSettings();
      }}
    >
      Find local servers
    </button>
  );
}
