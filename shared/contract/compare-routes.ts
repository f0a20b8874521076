import { z } from 'zod';
import {
  compareStartSchema,
  exportFormats,
  promptSetInputSchema,
  type CompareRun,
  type CompareRunSummary,
  type ExportedFile,
  type PromptSet,
} from '../domain/compare';
import { answer, id, none } from './route-helpers';

/** Compare: prompt sets, runs (progress arrives as `compare.stream` events), saved runs and their export. */
export const compareRoutes = {
  'compare.promptSets': { input: none, output: answer<PromptSet[]>() },
  /** Creates a set, or replaces a saved one by `id`; built-in sets cannot be changed. */
  'compare.savePromptSet': { input: promptSetInputSchema, output: answer<PromptSet>() },
  'compare.deletePromptSet': { input: z.object({ id }).strict(), output: answer<{ id: string }>() },
  /** Starts a run in the background; its progress arrives as `compare.stream` events. */
  'compare.start': { input: compareStartSchema, output: answer<{ runId: string }>() },
  /** Stops a run; finished cells are kept and the run is saved as cancelled. Idempotent. */
  'compare.cancel': { input: z.object({ runId: id }).strict(), output: answer<{ cancelled: boolean }>() },
  'compare.list': { input: none, output: answer<CompareRunSummary[]>() },
  'compare.get': { input: z.object({ id }).strict(), output: answer<CompareRun>() },
  'compare.delete': { input: z.object({ id }).strict(), output: answer<{ id: string }>() },
  'compare.export': {
    input: z.object({ id, format: z.enum(exportFormats) }).strict(),
    output: answer<ExportedFile>(),
  },
} as const;
