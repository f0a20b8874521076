import { TASK_NOTES_MAX, taskPriorities, taskStatuses } from '../../../shared/domain/tasks';
import { TITLE_MAX } from '../../../shared/contract/limits';
import type { ToolDefinition } from '../tools/tool-provider';
import { dueLabel } from './task-format';

export const TASK_TOOL_NAMES = [
  'create_task',
  'list_tasks',
  'update_task',
  'complete_task',
  'delete_task',
] as const;
export type TaskToolName = (typeof TASK_TOOL_NAMES)[number];

const due = (today: string) => ({
  type: ['string', 'null'],
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description:
    `The due day as YYYY-MM-DD (today is ${dueLabel(today)}). Work out relative dates yourself, ` +
    'e.g. "end of quarter" or "next Friday", from today. null: no due date.',
});

const taskRef = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  description:
    'Which task: its id from list_tasks or create_task (preferred), or its exact title if that title is unique.',
};

const title = {
  type: 'string',
  minLength: 1,
  maxLength: TITLE_MAX,
  description: 'A short title for the task.',
};
const notes = { type: 'string', maxLength: TASK_NOTES_MAX, description: 'Details, if any (plain text).' };
const priority = {
  type: 'string',
  enum: [...taskPriorities],
  description: 'How important it is: low, medium (the usual) or high.',
};

/**
 * The task tools as offered to the model. Descriptions carry today's date, so the model can turn
 * "end of quarter" into a day; they are rebuilt on every request (`today` is the user's calendar day).
 */
export function taskToolDefinitions(today: string): ToolDefinition[] {
  return [
    {
      name: 'create_task',
      title: 'Create task',
      description:
        `Adds a task to the user's task list (kept on their computer). Today is ${dueLabel(today)}. ` +
        'Call this whenever the user asks to create, add or remember a task; never say a task was ' +
        'created without calling it. Answers the created task with its id.',
      inputSchema: {
        type: 'object',
        properties: { title, notes, priority, due: due(today) },
        required: ['title'],
        additionalProperties: false,
      },
      sideEffects: true,
    },
    {
      name: 'list_tasks',
      title: 'List tasks',
      description:
        "Lists the user's tasks with their ids: open ones first (soonest due, then highest priority), " +
        `or done ones (latest completed first). Today is ${dueLabel(today)}.`,
      inputSchema: {
        type: 'object',
        properties: {
          status: {
            type: 'string',
            enum: ['open', 'done', 'all'],
            description: 'Which tasks: open (the default), done, or all.',
          },
        },
        additionalProperties: false,
      },
      sideEffects: false,
    },
    {
      name: 'update_task',
      title: 'Update task',
      description:
        'Changes a task: only the fields given change. Set status "done" to complete it or "open" to ' +
        'reopen it.',
      inputSchema: {
        type: 'object',
        properties: {
          task: taskRef,
          title: { ...title, description: 'The new title.' },
          notes: { ...notes, description: 'The new notes (replace the old ones).' },
          priority,
          due: due(today),
          status: { type: 'string', enum: [...taskStatuses], description: 'open or done.' },
        },
        required: ['task'],
        additionalProperties: false,
      },
      sideEffects: true,
    },
    {
      name: 'complete_task',
      title: 'Complete task',
      description: 'Marks a task as done.',
      inputSchema: {
        type: 'object',
        properties: { task: taskRef },
        required: ['task'],
        additionalProperties: false,
      },
      sideEffects: true,
    },
    {
      name: 'delete_task',
      title: 'Delete task',
      description: 'Removes a task from the list. Only when the user asks for it to be deleted.',
      inputSchema: {
        type: 'object',
        properties: { task: taskRef },
        required: ['task'],
        additionalProperties: false,
      },
      sideEffects: true,
    },
  ];
}
