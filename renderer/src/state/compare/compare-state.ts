import type { CompareRun, CompareRunSummary, PromptSet } from '../../../../shared/domain/compare';
import type { UserError } from '../../../../shared/domain/errors';

/** A failure outside the run itself (loading, saving a set, export, delete), with what was being done. */
export interface CompareNotice {
  error: UserError;
  context: string;
}

/** What the compare view shows: saved runs and prompt sets from main, and the run on screen. */
export interface CompareState {
  runs: CompareRunSummary[];
  runsLoaded: boolean;
  promptSets: PromptSet[];
  promptSetsLoaded: boolean;
  /** The run on screen: the one just started (streaming in), or one reopened from the saved list. */
  shown: CompareRun | undefined;
  /** Between pressing Run and the host accepting it. */
  starting: boolean;
  /** Why the host refused to start the run; its `fields` are shown at the fields. */
  startError: UserError | undefined;
  notice: CompareNotice | undefined;
}

export const initialCompareState: CompareState = {
  runs: [],
  runsLoaded: false,
  promptSets: [],
  promptSetsLoaded: false,
  shown: undefined,
  starting: false,
  startError: undefined,
  notice: undefined,
};
