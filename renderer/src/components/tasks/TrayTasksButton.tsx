import { useController } from '../../state/controller-context';
import { openInMainWindow } from '../../state/desktop/desktop-commands';
import { useDesktop } from '../../state/desktop/desktop-context';
import { TasksIcon } from './TasksIcon';

/** The tray window hands the Tasks panel to the main window (the browser host opens it in this page). */
export function TrayTasksButton() {
  const controller = useController();
  const desktop = useDesktop();
  return (
    <button
      type="button"
      className="icon-button tray-tasks"
      aria-label="Open tasks"
      title="Open tasks in the main window"
      onClick={() => void openInMainWindow(controller, desktop, { command: 'open-tasks' })}
    >
      <TasksIcon />
    </button>
  );
}
