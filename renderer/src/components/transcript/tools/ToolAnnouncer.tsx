import { useToolsState } from '../../../state/tools/use-tools';

/**
 * A polite status region for tool calls: "Waiting for your approval: <tool>" when a prompt appears,
 * so someone typing elsewhere learns the reply waits for them without losing their place.
 */
export function ToolAnnouncer() {
  const said = useToolsState((s) => s.announcement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {/* A new element per announcement, so the same words twice are still read twice. */}
      {said.text && <p key={said.n}>{said.text}</p>}
    </div>
  );
}
