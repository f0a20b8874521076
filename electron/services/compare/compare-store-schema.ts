import { z } from 'zod';
import {
  cellStatuses,
  compareParamsSchema,
  type CompareRun,
  type PromptSet,
} from '../../../shared/domain/compare';
import { usageSchema } from '../../../shared/domain/conversation';
import { reasoningPartSchema } from '../../../shared/domain/message-parts';
import { userErrorSchema } from '../../../shared/domain/user-error-schema';
import { replyMetricsSchema } from '../../../shared/domain/reply-metrics';

/** What the compare store keeps on disk, validated on every read (a file that fails is moved aside). */

export const COMPARE_SCHEMA_VERSION = 1;

/** Run ids become file names, so only this shape is ever turned into a path. */
const idPattern = /^[A-Za-z0-9_-]{1,100}$/;
export const isValidRunId = (id: unknown): id is string => typeof id === 'string' && idPattern.test(id);
/** `runs/<id>.json` and nothing else (moved-aside and temporary files have extra dots). */
export const runFileName = /^([A-Za-z0-9_-]{1,100})\.json$/;

const cellSchema = z.object({
  promptIndex: z.number().int().nonnegative(),
  pairIndex: z.number().int().nonnegative(),
  status: z.enum(cellStatuses),
  text: z.string(),
  /** Added with reasoning models; optional, so runs saved before it load unchanged. */
  reasoning: reasoningPartSchema.optional(),
  model: z.string().optional(),
  responseId: z.string().optional(),
  finishReason: z.string().optional(),
  usage: usageSchema.optional(),
  metrics: replyMetricsSchema.optional(),
  error: userErrorSchema.optional(),
});

const runSchema = z.object({
  id: z.string().regex(idPattern),
  name: z.string(),
  createdAt: z.number(),
  finishedAt: z.number().optional(),
  status: z.enum(['running', 'complete', 'cancelled']),
  systemPrompt: z.string().optional(),
  params: compareParamsSchema,
  parallel: z.boolean(),
  pairs: z.array(
    z.object({ profileId: z.string(), profileName: z.string(), model: z.string(), label: z.string() }),
  ),
  prompts: z.array(z.string()),
  cells: z.array(cellSchema),
});

export const runFileSchema = z.object({
  schemaVersion: z.literal(COMPARE_SCHEMA_VERSION),
  run: runSchema,
});

export const summarySchema = z.object({
  id: z.string().regex(idPattern),
  name: z.string(),
  createdAt: z.number(),
  status: z.enum(['running', 'complete', 'cancelled']),
  pairLabels: z.array(z.string()),
  promptCount: z.number().int().nonnegative(),
});

/** `compare/index.json`: one summary per run, keyed by id (rebuilt from the run files if lost). */
export const indexFileSchema = z.object({
  schemaVersion: z.literal(COMPARE_SCHEMA_VERSION),
  runs: z.record(z.string().regex(idPattern), summarySchema),
});

/** `compare/prompt-sets.json`: the user's saved prompt sets (built-ins live in code). */
export const promptSetsFileSchema = z.object({
  schemaVersion: z.literal(COMPARE_SCHEMA_VERSION),
  sets: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      prompts: z.array(z.string()),
      builtIn: z.literal(false),
    }),
  ),
});

// The stored shapes must stay assignable to the contract's types.
export const asRun = (run: z.infer<typeof runSchema>): CompareRun => run;
export const asPromptSet = (set: z.infer<typeof promptSetsFileSchema>['sets'][number]): PromptSet => set;
