import type { TaskService } from '../services/tasks/task-service';
import type { RoutesOf } from './routes-of';

/**
 * The task list as the Tasks panel edits it. The assistant's task tools call the same service, so
 * both reach every window through `tasks.changed`.
 */
export function tasksRoutes({ tasks }: { tasks: TaskService }): RoutesOf<'tasks'> {
  return {
    'tasks.list': () => tasks.list(),
    'tasks.create': (input) => tasks.create(input),
    'tasks.update': ({ id, patch }) => tasks.update(id, patch),
    'tasks.delete': ({ id }) => tasks.delete(id),
    'tasks.restore': ({ task }) => tasks.restore(task),
  };
}
