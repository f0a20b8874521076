import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ToolCallPart } from '../../../../../shared/domain/message-parts';
import type { ToolDecision } from '../../../../../shared/domain/tools';
import { sanitizeText } from '../../../markdown/sanitize-text';
import { useAppState, useController } from '../../../state/controller-context';
import { approvalKey, shouldTakeFocus } from '../../../state/tools/approval-focus';
import { prettyArguments, toolSourceName } from '../../../state/tools/tool-card';

const choices: { decision: ToolDecision; label: string; key: string }[] = [
  { decision: 'once', label: 'Allow once', key: 'Y' },
  { decision: 'always', label: 'Always allow this tool', key: 'A' },
  { decision: 'deny', label: 'Deny', key: 'N' },
];

/**
 * Asks before a tool with side effects runs: the tool, its server and its arguments, and Allow once
 * / Always allow this tool / Deny (`tools.decide`). The live region says it is waiting. Focus moves
 * here only when the user was not typing elsewhere (focus in the transcript, on Stop, or nowhere), and
 * goes back where it was once answered. Y, A and N answer while focus is in the prompt.
 */
export function ToolApprovalPrompt({ call, replyId }: { call: ToolCallPart; replyId: string }) {
  const controller = useController();
  const conversationId = useAppState((s) => s.open?.id);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const first = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const name = sanitizeText(call.name || 'Unnamed tool');
  const source = toolSourceName(call);
  const args = prettyArguments(call.arguments);

  useEffect(() => {
    const { tools } = controller;
    tools.announceApproval(call.id, name);
    // Once per call: a virtualised row that mounts again must not take focus a second time.
    if (!tools.claimFocus(call.id)) return;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!shouldTakeFocus(active)) return;
    returnTo.current = active;
    first.current?.focus({ preventScroll: false });
  }, [controller, call.id, name]);

  const decide = async (decision: ToolDecision) => {
    if (!conversationId || pending) return;
    setPending(true);
    setProblem(undefined);
    const answered = await controller.tools.decide({ conversationId, replyId, partId: call.id, decision });
    setPending(false);
    if (!answered.ok) return setProblem(`${answered.error.message} ${answered.error.fix}`);
    if (!answered.value.decided)
      setProblem('This call no longer waits for an answer (stopped or answered elsewhere).');
    // Back where the user was; the prompt is about to go.
    const back = returnTo.current;
    if (back?.isConnected) back.focus();
    else if (document.activeElement === document.body || promptHasFocus()) controller.focusComposer();
  };

  const prompt = useRef<HTMLDivElement>(null);
  const promptHasFocus = () => prompt.current?.contains(document.activeElement) ?? false;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const decision = approvalKey(event);
    if (!decision) return;
    event.preventDefault();
    event.stopPropagation();
    void decide(decision);
  };

  return (
    <div
      ref={prompt}
      className="tool-approval"
      role="group"
      aria-labelledby={titleId}
      aria-describedby={`${titleId}-hint`}
      onKeyDown={onKeyDown}
    >
      <p id={titleId} className="tool-approval-title">
        Allow <strong>{name}</strong>
        {source ? (
          <>
            {' '}
            from <strong>{sanitizeText(source)}</strong>
          </>
        ) : null}{' '}
        to run?
      </p>
      <p id={`${titleId}-hint`} className="field-hint">
        It can change things outside this app. Check its arguments: they come from the model.
      </p>
      <pre className="tool-card-arguments" tabIndex={0} aria-label="Arguments">
        {sanitizeText(args.text)}
      </pre>
      <div className="tool-approval-actions">
        {choices.map((choice, index) => (
          <button
            key={choice.decision}
            ref={index === 0 ? first : undefined}
            type="button"
            className={
              choice.decision === 'deny' ? 'button' : index === 0 ? 'button button-primary' : 'button'
            }
            disabled={pending || !conversationId}
            aria-keyshortcuts={choice.key}
            title={`${choice.label} (${choice.key})`}
            onClick={() => void decide(choice.decision)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
