import type { CompareService } from '../services/compare/compare-service';
import type { PromptSets } from '../services/compare/prompt-sets';
import type { RoutesOf } from './routes-of';

export interface CompareRoutesDeps {
  compare: CompareService;
  promptSets: PromptSets;
}

/** Compare runs (start, stop, list, open, delete, export) and the prompt sets they are run with. */
export function compareRoutes({ compare, promptSets }: CompareRoutesDeps): RoutesOf<'compare'> {
  return {
    'compare.promptSets': () => promptSets.list(),
    'compare.savePromptSet': (input) => promptSets.save(input),
    'compare.deletePromptSet': ({ id }) => promptSets.delete(id),
    'compare.start': (input) => compare.start(input),
    'compare.cancel': ({ runId }) => compare.cancel(runId),
    'compare.list': () => compare.list(),
    'compare.get': ({ id }) => compare.get(id),
    'compare.delete': ({ id }) => compare.delete(id),
    'compare.export': ({ id, format }) => compare.export(id, format),
  };
}
