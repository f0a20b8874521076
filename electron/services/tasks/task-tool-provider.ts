import { excerpt } from '../../../shared/domain/excerpt';
import type { ToolSource } from '../../../shared/domain/message-parts';
import type { Task, TaskInput, TaskPatch } from '../../../shared/domain/tasks';
import { TASKS_TOOL_SOURCE, type ToolSourceView } from '../../../shared/domain/tools';
import { AppError } from '../app-error';
import type { ToolDefinition, ToolOutcome, ToolProvider, ToolRunContext } from '../tools/tool-provider';
import { describeTask, localDay, taskForModel } from './task-format';
import type { TaskService } from './task-service';
import { TASK_TOOL_NAMES, taskToolDefinitions, type TaskToolName } from './task-tool-definitions';

export const TASKS_SOURCE: ToolSource = { kind: 'builtin', id: TASKS_TOOL_SOURCE, name: 'Task list' };

/** The most tasks one `list_tasks` answer holds (the rest are counted), so a long list fits a context. */
export const LIST_TASKS_MAX = 200;

type Tasks = Pick<TaskService, 'list' | 'create' | 'update' | 'complete' | 'delete'>;

/** An answer the model should read as a failure of its call, with what to do instead. */
class ToolRefusal extends Error {
  constructor(
    readonly content: Record<string, unknown>,
    readonly summary: string,
  ) {
    super(summary);
  }
}

/**
 * The built-in task list as a tool source. Its tools change only the user's own list, which the
 * Tasks panel shows and can undo, so they run without asking. Every answer is compact JSON the
 * model reads back; `summary` is the transcript card's line.
 */
export function taskToolProvider(tasks: Tasks, now: () => number = Date.now): ToolProvider {
  const definitions = (): ToolDefinition[] => taskToolDefinitions(localDay(now()));
  const known = (name: string): name is TaskToolName => (TASK_TOOL_NAMES as readonly string[]).includes(name);

  const run = (name: TaskToolName, args: Record<string, unknown>, conversationId: string): ToolOutcome => {
    const today = localDay(now());
    switch (name) {
      case 'create_task': {
        const task = tasks.create(taskInputOf(args), conversationId);
        return ok({ created: taskForModel(task), today }, `Created task · ${describeTask(task)}`);
      }
      case 'list_tasks': {
        const status = args.status === 'done' || args.status === 'all' ? args.status : 'open';
        const all = tasks.list().filter((t) => status === 'all' || t.status === status);
        const shown = all.slice(0, LIST_TASKS_MAX);
        const noun = all.length === 1 ? 'task' : 'tasks';
        return ok(
          {
            status,
            count: all.length,
            today,
            tasks: shown.map(taskForModel),
            ...(all.length > shown.length ? { notShown: all.length - shown.length } : {}),
          },
          `Listed ${all.length} ${status === 'all' ? '' : `${status} `}${noun}`,
        );
      }
      case 'update_task': {
        const task = tasks.update(find(tasks.list(), args.task).id, taskPatchOf(args));
        return ok({ updated: taskForModel(task) }, `Updated · ${describeTask(task)}`);
      }
      case 'complete_task': {
        const task = tasks.complete(find(tasks.list(), args.task).id);
        return ok({ completed: taskForModel(task) }, `Completed · ${task.title}`);
      }
      case 'delete_task': {
        const { task } = tasks.delete(find(tasks.list(), args.task).id);
        return ok({ deleted: { id: task.id, title: task.title } }, `Deleted · ${task.title}`);
      }
    }
  };

  return {
    source: TASKS_SOURCE,
    view: (): ToolSourceView => ({
      ...TASKS_SOURCE,
      state: 'ready',
      tools: definitions().map((d) => ({
        name: d.name,
        ...(d.title !== undefined ? { title: d.title } : {}),
        description: d.description,
        enabled: true,
        sideEffects: d.sideEffects,
        alwaysAllowed: true,
      })),
    }),
    tools: definitions,
    call: (name: string, args: Record<string, unknown>, context: ToolRunContext): Promise<ToolOutcome> => {
      if (!known(name)) {
        return Promise.resolve(
          fail(
            { error: `There is no task tool "${excerpt(name, 60)}".`, tools: TASK_TOOL_NAMES },
            'Unknown tool',
          ),
        );
      }
      try {
        return Promise.resolve(run(name, args, context.conversationId));
      } catch (error) {
        if (error instanceof ToolRefusal) return Promise.resolve(fail(error.content, error.summary));
        if (error instanceof AppError) {
          const { message, fix, fields } = error.userError;
          return Promise.resolve(
            fail({ error: message, fix, ...(fields ? { fields } : {}) }, `Failed · ${excerpt(message, 80)}`),
          );
        }
        throw error;
      }
    },
    // Local and undoable: the task tools never ask.
    alwaysAllowed: (name) => known(name),
    allowAlways: () => undefined,
  };
}

const ok = (content: Record<string, unknown>, summary: string): ToolOutcome => ({
  content: JSON.stringify(content),
  isError: false,
  summary,
});
const fail = (content: Record<string, unknown>, summary: string): ToolOutcome => ({
  content: JSON.stringify(content),
  isError: true,
  summary,
});

/** The fields of `create_task` (the service checks them against the contract's schema). */
function taskInputOf(args: Record<string, unknown>): TaskInput {
  const { title, notes, priority, due } = args;
  return { title, notes, priority, due } as TaskInput;
}

function taskPatchOf(args: Record<string, unknown>): TaskPatch {
  const patch: Record<string, unknown> = {};
  for (const key of ['title', 'notes', 'priority', 'due', 'status'] as const)
    if (args[key] !== undefined) patch[key] = args[key];
  return patch as TaskPatch;
}

/**
 * The task a call names: by id, else by exact title (then ignoring case), which must be unique —
 * several tasks of that title are an error listing them, so the model can answer with an id.
 */
export function find(list: readonly Task[], ref: unknown): Task {
  if (typeof ref !== 'string' || ref.trim() === '')
    throw new ToolRefusal({ error: 'Say which task: give its id or its exact title.' }, 'No task named');
  const byId = list.find((t) => t.id === ref);
  if (byId) return byId;
  const wanted = ref.trim();
  let matches = list.filter((t) => t.title === wanted);
  if (matches.length === 0) matches = list.filter((t) => t.title.toLowerCase() === wanted.toLowerCase());
  if (matches.length === 1) return matches[0]!;
  const name = excerpt(wanted, 80);
  if (matches.length === 0) {
    throw new ToolRefusal(
      {
        error: `No task has the id or title "${name}".`,
        fix: 'Call list_tasks to see the tasks and their ids.',
      },
      `Not found · ${name}`,
    );
  }
  throw new ToolRefusal(
    {
      error: `${matches.length} tasks are titled "${name}".`,
      fix: 'Call again with the id of the one you mean.',
      candidates: matches.map((t) => ({ id: t.id, title: t.title, status: t.status, due: t.due })),
    },
    `Which task? · ${matches.length} titled ${name}`,
  );
}
