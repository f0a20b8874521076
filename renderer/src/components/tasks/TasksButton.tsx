import { useController } from '../../state/controller-context';
import { TasksIcon } from './TasksIcon';

/** Opens the Tasks panel: the task list TaskMaster keeps with its tools. */
export function TasksButton() {
  const controller = useController();
  return (
    <button
      type="button"
      className="icon-button tasks-button"
      aria-label="Tasks"
      title="Tasks"
      onClick={() => controller.openTasks()}
    >
      <TasksIcon />
    </button>
  );
}
