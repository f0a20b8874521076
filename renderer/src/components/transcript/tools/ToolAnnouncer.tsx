import { useToolsState } from '../../../state/tools/use-tools';

/**
 * A polite status region for tool calls: "Waiting for your approval: <tool>" when a prompt appears,
 * so someone typing elsewhere learns the reply waits for them without losing their place. Wrapped,
 * so the transcript's own announcer stays the frame's one direct status child.
 */
export function ToolAnnouncer() {
  const said = useToolsState((s) => s.announcement);
  return (
    <div className="visually-hidden">
      <div role="status" aria-live="polite" aria-atomic="true" aria-label="Tool calls">
        {/* A new element per announcement, so the same words twice are still read twice. */}
        {said.text && <p key={said.n}>{said.text}</p>}
      </div>
    </div>
  );
}
