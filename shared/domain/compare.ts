import { z } from 'zod';
import {
  COMPARE_PAIRS_MAX,
  COMPARE_PROMPT_MAX,
  COMPARE_PROMPTS_MAX,
  ID_MAX,
  MODEL_ID_MAX,
  SYSTEM_PROMPT_MAX,
  TITLE_MAX,
  tooLong,
} from '../contract/limits';
import type { Usage } from './conversation';
import type { UserError } from './errors';
import type { ReplyMetrics } from './reply-metrics';
import type { ReasoningPart, StreamedPartType } from './message-parts';

/**
 * Compare runs: the same prompts sent to two or more profile + model pairs, one after another
 * unless the user asks for parallel, with every answer's timings kept for the results table.
 */
const id = z.string().min(1).max(ID_MAX, tooLong('The id', ID_MAX));

export const comparePairSchema = z
  .object({
    profileId: id,
    model: z
      .string()
      .trim()
      .min(1, 'Choose a model.')
      .max(MODEL_ID_MAX, tooLong('The model name', MODEL_ID_MAX, 'Use the id the backend lists.')),
  })
  .strict();
export type ComparePair = z.infer<typeof comparePairSchema>;

/** The same for every pair, so the numbers compare like with like. */
export const compareParamsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().gt(0).max(1).optional(),
    maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();
export type CompareParams = z.infer<typeof compareParamsSchema>;

export const promptListSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'A prompt is empty.')
      .max(COMPARE_PROMPT_MAX, tooLong('A prompt', COMPARE_PROMPT_MAX)),
  )
  .min(1, 'Add at least one prompt to run.')
  .max(COMPARE_PROMPTS_MAX, `A run holds at most ${COMPARE_PROMPTS_MAX} prompts.`);

export const compareStartSchema = z
  .object({
    pairs: z
      .array(comparePairSchema)
      .min(2, 'Choose at least two backends to compare.')
      .max(COMPARE_PAIRS_MAX, `Compare at most ${COMPARE_PAIRS_MAX} backends at once.`),
    prompts: promptListSchema,
    systemPrompt: z
      .string()
      .max(SYSTEM_PROMPT_MAX, tooLong('The system prompt', SYSTEM_PROMPT_MAX))
      .optional(),
    params: compareParamsSchema.optional(),
    /** Send each prompt to every pair at the same time (distorts a local backend's timings). */
    parallel: z.boolean().optional(),
    /** Offer the tools (built-in task list, enabled MCP servers) to every pair; off by default, as compare measures speed. */
    tools: z.boolean().optional(),
    name: z.string().trim().max(TITLE_MAX, tooLong('The run name', TITLE_MAX)).optional(),
  })
  .strict();
export type CompareStart = z.infer<typeof compareStartSchema>;

export const promptSetInputSchema = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1, 'Name the prompt set.').max(TITLE_MAX, tooLong('The name', TITLE_MAX)),
    prompts: promptListSchema,
  })
  .strict();
export type PromptSetInput = z.infer<typeof promptSetInputSchema>;

export interface PromptSet {
  id: string;
  name: string;
  prompts: string[];
  builtIn: boolean;
}

export const BUILT_IN_PROMPT_SETS: readonly PromptSet[] = [
  {
    id: 'builtin-task-management',
    name: 'Task management (5 prompts)',
    builtIn: true,
    prompts: [
      'Break "launch the new website" into a checklist of tasks with rough time estimates.',
      'I have 3 hours today and these tasks: reply to email (30 min), write the report (2 h), review a pull request (45 min), book travel (15 min). Plan my day.',
      'Turn this note into tasks with owners and due dates: "Ana drafts the budget by Friday, Ben checks vendor quotes next week, I send the summary after both."',
      "Which of these should I do first and why: fix a production bug, prepare tomorrow's demo, answer a customer complaint?",
      'Write a short weekly review template for tracking completed, blocked and upcoming tasks.',
    ],
  },
];

/** A pair as the run saw it: names are kept so a renamed or deleted profile still reads right. */
export interface CompareRunPair {
  profileId: string;
  profileName: string;
  model: string;
  /** "Profile · model", unique within the run (numbered when two pairs would read the same). */
  label: string;
}

export const cellStatuses = [
  'pending',
  'streaming',
  'complete',
  'incomplete',
  'cancelled',
  'failed',
] as const;
export type CellStatus = (typeof cellStatuses)[number];

/** One prompt's answer from one pair. */
export interface CompareCell {
  promptIndex: number;
  pairIndex: number;
  status: CellStatus;
  /** The answer alone (no reasoning), as a reply's text parts read. */
  text: string;
  /** What the model thought first, when it did (kept apart from the answer, never scored as text). */
  reasoning?: ReasoningPart;
  /** The model the server said answered. */
  model?: string;
  responseId?: string;
  finishReason?: string;
  usage?: Usage;
  metrics?: ReplyMetrics;
  error?: UserError;
}

export type CompareRunStatus = 'running' | 'complete' | 'cancelled';

export interface CompareRun {
  id: string;
  name: string;
  createdAt: number;
  finishedAt?: number;
  status: CompareRunStatus;
  systemPrompt?: string;
  params: CompareParams;
  parallel: boolean;
  pairs: CompareRunPair[];
  prompts: string[];
  /** Every prompt × pair, in prompt order then pair order. */
  cells: CompareCell[];
}

export interface CompareRunSummary {
  id: string;
  name: string;
  createdAt: number;
  status: CompareRunStatus;
  pairLabels: string[];
  promptCount: number;
}

/** Streamed while a run goes: the full run once, then cell by cell. */
/**
 * A compare run's stream. Every event names its run and carries `seq`, numbered from 0 per run with
 * no gaps; cell events also name their cell (prompt and pair), and a delta the kind of text it extends.
 */
export type CompareStreamEvent =
  | { type: 'run-started'; runId: string; seq: number; run: CompareRun }
  | { type: 'cell-started'; runId: string; seq: number; promptIndex: number; pairIndex: number }
  | {
      type: 'cell-delta';
      runId: string;
      seq: number;
      promptIndex: number;
      pairIndex: number;
      kind: StreamedPartType;
      text: string;
    }
  | { type: 'cell-finished'; runId: string; seq: number; cell: CompareCell }
  | { type: 'run-finished'; runId: string; seq: number; run: CompareRun };

export const exportFormats = ['csv', 'markdown'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Moved to exported-file.ts (conversations export files too); re-exported so nothing breaks. */
export type { ExportedFile } from './exported-file';
