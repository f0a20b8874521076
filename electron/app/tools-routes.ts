import type { ToolService } from '../services/tools/tool-service';
import type { RoutesOf } from './routes-of';

/** Tool sources, the app-wide tool settings, and the user's answer to a call waiting for approval. */
export function toolsRoutes({ tools }: { tools: ToolService }): RoutesOf<'tools'> {
  return {
    'tools.sources': () => tools.sources(),
    'tools.settings': () => tools.settings(),
    'tools.updateSettings': (patch) => tools.updateSettings(patch),
    'tools.decide': ({ conversationId, replyId, partId, decision }) => ({
      decided: tools.decide({ conversationId, replyId, partId }, decision),
    }),
  };
}
