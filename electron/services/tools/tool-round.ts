import type { ToolCallPart, ToolResultPart } from '../../../shared/domain/message-parts';
import type { ToolDecision } from '../../../shared/domain/tools';
import type { ApprovalKey } from './approval-gate';
import { checkArguments } from './tool-arguments';
import { fitResult } from './tool-result-fit';
import type { OfferedTool } from './tool-registry';
import type { ToolOutcome } from './tool-provider';

/**
 * One round of tool calls, run one after another in the order the model made them: the tool is
 * found (unknown → an error result), its arguments checked, the user asked where it has side effects
 * and is not always allowed, then it runs under the call's timeout and Stop. Every call ends with a
 * result part — a failure, a denial or a stop included — so the model and the user both see it.
 */

export interface ToolRoundDeps {
  tools: readonly OfferedTool[];
  timeoutMs: number;
  /**
   * Asks the user (chat); absent: calls that need approval are denied without asking (compare,
   * which has nobody to ask).
   */
  ask?: (key: ApprovalKey, signal: AbortSignal) => Promise<ToolDecision | 'cancelled'>;
  clock: () => number;
}

export interface ToolRoundInput {
  conversationId: string;
  replyId: string;
  calls: readonly ToolCallPart[];
  /** Stop: a waiting approval ends as cancelled, a running call is told and not waited for. */
  signal: AbortSignal;
  /** The most characters one result may send (the room left in the context). */
  maxResultChars: number;
  newResultId: () => string;
  /** A part changed (upserted whole into the reply and sent to windows). */
  put: (part: ToolCallPart | ToolResultPart) => void;
}

export const DENIED_BY_USER = 'The user denied this call; it was not run.';
export const DENIED_IN_COMPARE =
  'Not run: this tool asks for approval first, and Compare runs without prompts.';
export const STOPPED = 'The call was stopped by the user before it finished.';

export async function runToolRound(deps: ToolRoundDeps, input: ToolRoundInput): Promise<void> {
  for (const call of input.calls) {
    if (input.signal.aborted) {
      finish(input, call, 'cancelled', { content: STOPPED, isError: true });
      continue;
    }
    await runOne(deps, input, { ...call });
  }
}

async function runOne(deps: ToolRoundDeps, input: ToolRoundInput, call: ToolCallPart): Promise<void> {
  const tool = deps.tools.find((t) => t.name === call.name);
  if (!tool) {
    const names = deps.tools.map((t) => t.name).join(', ') || 'none';
    return finish(input, call, 'failed', {
      content: `There is no tool named "${call.name}". Tools available: ${names}.`,
      isError: true,
    });
  }
  call.source = tool.provider.source;
  call.sideEffects = tool.definition.sideEffects;
  const checked = checkArguments(call.arguments, tool.definition.inputSchema);
  if (!checked.ok) return finish(input, call, 'failed', { content: checked.message, isError: true });

  if (tool.definition.sideEffects && !safely(() => tool.provider.alwaysAllowed(tool.definition.name))) {
    if (!deps.ask) return finish(input, call, 'denied', { content: DENIED_IN_COMPARE, isError: true });
    call.status = 'awaiting-approval';
    const key = { conversationId: input.conversationId, replyId: input.replyId, partId: call.id };
    // Waiting before the window hears of it, so an answer can never arrive before the wait.
    const answer = deps.ask(key, input.signal);
    input.put({ ...call });
    const decision = await answer;
    if (decision === 'cancelled')
      return finish(input, call, 'cancelled', { content: STOPPED, isError: true });
    if (decision === 'deny') return finish(input, call, 'denied', { content: DENIED_BY_USER, isError: true });
    if (decision === 'always') {
      try {
        await tool.provider.allowAlways(tool.definition.name);
      } catch (error) {
        console.warn('[tools] "always allow" could not be saved:', error);
      }
    }
  }

  call.status = 'running';
  call.startedAt = deps.clock();
  input.put({ ...call });
  const ended = await callWithLimits(deps, input, tool, checked.args);
  call.durationMs = Math.max(0, deps.clock() - call.startedAt);
  finish(input, call, ended.status, ended.outcome);
}

type Ended = { status: 'done' | 'failed' | 'cancelled'; outcome: ToolOutcome };

/** Runs the call; a timeout or Stop ends the wait at once even if the provider ignores its signal. */
async function callWithLimits(
  deps: ToolRoundDeps,
  input: ToolRoundInput,
  tool: OfferedTool,
  args: Record<string, unknown>,
): Promise<Ended> {
  const controller = new AbortController();
  let timedOut = false;
  let settle: (ended: Ended) => void = () => undefined;
  const stopped = new Promise<Ended>((resolve) => (settle = resolve));
  const onStop = () => {
    controller.abort();
    settle({ status: 'cancelled', outcome: { content: STOPPED, isError: true } });
  };
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    const seconds = Math.round(deps.timeoutMs / 1000);
    settle({
      status: 'failed',
      outcome: { content: `The tool did not answer within ${seconds} s and was stopped.`, isError: true },
    });
  }, deps.timeoutMs);
  if (input.signal.aborted) onStop();
  input.signal.addEventListener('abort', onStop, { once: true });
  const running = (async (): Promise<Ended> => {
    try {
      const outcome = await tool.provider.call(tool.definition.name, args, {
        conversationId: input.conversationId,
        signal: controller.signal,
        timeoutMs: deps.timeoutMs,
      });
      return { status: outcome.isError ? 'failed' : 'done', outcome: sanitized(outcome) };
    } catch (error) {
      if (timedOut || input.signal.aborted) return await stopped;
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'failed', outcome: { content: `The tool failed: ${reason}`, isError: true } };
    }
  })();
  try {
    return await Promise.race([running, stopped]);
  } finally {
    clearTimeout(timer);
    input.signal.removeEventListener('abort', onStop);
  }
}

function finish(
  input: ToolRoundInput,
  call: ToolCallPart,
  status: ToolCallPart['status'],
  outcome: ToolOutcome,
): void {
  const fitted = fitResult(outcome.content, input.maxResultChars);
  const summary = outcome.summary?.slice(0, 500);
  input.put({ ...call, status, ...(summary ? { summary } : {}) });
  input.put({
    type: 'tool-result',
    id: input.newResultId(),
    callId: call.callId,
    name: call.name,
    content: fitted.content,
    isError: outcome.isError,
    ...(fitted.cutFromChars !== undefined ? { cutFromChars: fitted.cutFromChars } : {}),
  });
}

/** A provider's answer is untrusted: only its text goes on. */
function sanitized(outcome: ToolOutcome): ToolOutcome {
  const content =
    typeof outcome?.content === 'string' ? outcome.content : JSON.stringify(outcome?.content ?? '');
  return {
    content,
    isError: outcome?.isError === true,
    ...(typeof outcome?.summary === 'string' ? { summary: outcome.summary } : {}),
  };
}

function safely(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
