import { z } from 'zod';
import { ID_MAX, TITLE_MAX, tooLong } from '../contract/limits';

/**
 * TaskMaster's task list: kept in main with the guarantees conversations have. The user's edits in
 * the Tasks panel and the assistant's tool calls are the same operations (`tasks.*` routes and the
 * built-in task tools call one service).
 */

export const TASK_NOTES_MAX = 10_000;
export const TASKS_MAX = 10_000;

export const taskPriorities = ['low', 'medium', 'high'] as const;
export type TaskPriority = (typeof taskPriorities)[number];
export const taskStatuses = ['open', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** A calendar day, `YYYY-MM-DD` (a due date has no time of day or zone). */
export const dueDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A due date is a day written YYYY-MM-DD, e.g. 2026-12-31.')
  // Date.parse rolls 2026-02-30 over to March: a real day is one that reads back the same.
  .refine((day) => {
    const time = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
  }, 'That due date is not a real day.');

const title = z
  .string()
  .trim()
  .min(1, 'Give the task a title.')
  .max(TITLE_MAX, tooLong('The task title', TITLE_MAX));
const notes = z.string().max(TASK_NOTES_MAX, tooLong('The notes', TASK_NOTES_MAX));

export const taskSchema = z.object({
  id: z.string().min(1).max(ID_MAX, tooLong('The task id', ID_MAX)),
  title,
  notes,
  priority: z.enum(taskPriorities),
  /** `null`: no due date. */
  due: dueDateSchema.nullable(),
  status: z.enum(taskStatuses),
  createdAt: z.number(),
  updatedAt: z.number(),
  completedAt: z.number().optional(),
  /** Who made it: the conversation whose assistant created it, when one did. */
  conversationId: z.string().max(ID_MAX).optional(),
});
export type Task = z.infer<typeof taskSchema>;

/** `tasks.create` and the `create_task` tool. */
export const taskInputSchema = z
  .object({
    title,
    notes: notes.optional(),
    priority: z.enum(taskPriorities).optional(),
    due: dueDateSchema.nullable().optional(),
  })
  .strict();
export type TaskInput = z.infer<typeof taskInputSchema>;

/** `tasks.update` and the `update_task` tool: only the fields given change. */
export const taskPatchSchema = z
  .object({
    title: title.optional(),
    notes: notes.optional(),
    priority: z.enum(taskPriorities).optional(),
    due: dueDateSchema.nullable().optional(),
    status: z.enum(taskStatuses).optional(),
  })
  .strict();
export type TaskPatch = z.infer<typeof taskPatchSchema>;
