import { useId, useState } from 'react';
import type { ReasoningPart } from '../../../../shared/domain/message-parts';
import {
  formatThinkingTime,
  reasoningHeading,
  reasoningToggleName,
  type ReasoningState,
} from '../../format/reasoning';
import { sanitizeText } from '../../markdown/sanitize-text';
import { useNow } from '../../state/core/use-now';
import '../../styles/reasoning.css';

/** The running time while the model thinks; mounted only then, so a folded block has no timer. */
function ThinkingTime({ since }: { since: number }) {
  const now = useNow(500);
  return <span className="reasoning-time">{formatThinkingTime(now - since)}</span>;
}

/**
 * What a reasoning model thought, above its answer. While it thinks: a live "Thinking…" block, open,
 * with the reasoning streaming in and a running time. Once the answer starts it folds to "Thought for
 * 12 s", a disclosure button that shows the reasoning again. Reasoning cut off says so. The text is
 * plain and muted, and nothing here is a live region: screen readers are not read every token, and the
 * transcript's announcer says the answer alone.
 */
export function ReasoningBlock({
  part,
  state,
  since,
}: {
  part: ReasoningPart;
  state: ReasoningState;
  /** When thinking started, for the running time (the part's own `startedAt` first). */
  since: number | undefined;
}) {
  const thinking = state === 'thinking';
  const [open, setOpen] = useState(thinking);
  // Folds by itself once when the answer starts (state set while rendering, React's pattern for
  // state that follows a prop); the user's own toggling after that is left alone.
  const [wasThinking, setWasThinking] = useState(thinking);
  if (wasThinking !== thinking) {
    setWasThinking(thinking);
    setOpen(thinking);
  }
  const panelId = useId();
  const heading = reasoningHeading(part, state);
  const startedAt = part.startedAt ?? since;
  return (
    <div className="reasoning" role="group" aria-label="Reasoning" data-state={state}>
      <button
        type="button"
        className="reasoning-toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={reasoningToggleName(heading, state, open)}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="reasoning-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="reasoning-heading" aria-hidden="true">
          {heading}
        </span>
        {thinking && startedAt !== undefined && <ThinkingTime since={startedAt} />}
      </button>
      {open && (
        <div id={panelId} className="reasoning-text">
          {sanitizeText(part.text)}
        </div>
      )}
    </div>
  );
}
