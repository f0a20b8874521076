import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ToolSourceView } from '../../../../shared/domain/tools';
import { useAppState, useController } from '../../state/controller-context';
import { selectedSummary } from '../../state/profiles/backend-selectors';
import { sourceStateLabel, toolsButtonLabel } from '../../state/tools/tools-menu';
import { useTools } from '../../state/tools/use-tools';
import '../../styles/tools.css';

const NO_TOOLS: readonly string[] = [];

/**
 * Which tool sources this conversation may use: "Tools (n)" opens a small panel with a checkbox per
 * source (the task list, each MCP server with its state), saved at once (`conversations.setTools`)
 * and live from `tools.changed`. Escape or a click elsewhere closes it; focus returns to the button.
 */
export function ToolsMenu() {
  const controller = useController();
  const sources = useTools((s) => s.sources);
  const loadError = useTools((s) => s.error);
  const saved = useAppState((s) => selectedSummary(s)?.tools ?? NO_TOOLS);
  const [open, setOpen] = useState(false);
  /** The sources as just checked, shown until main answers (a disabled fieldset would drop focus). */
  const [pending, setPending] = useState<readonly string[]>();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  const enabled = pending ?? saved;
  const count = saved.filter((sourceId) => sources.some((s) => s.id === sourceId)).length;

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (panel.current?.contains(target) || button.current?.contains(target)) return;
      setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
  }, [open]);

  // On the wrapper: Escape works with focus on the button too (a panel with no source yet has no checkbox).
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    event.stopPropagation(); // closes the panel only, not the view or the tray window
    close(true);
  };

  const toggle = async (source: ToolSourceView, on: boolean) => {
    const next = on
      ? [...enabled.filter((s) => s !== source.id), source.id]
      : enabled.filter((s) => s !== source.id);
    setPending(next);
    const box = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    await controller.tools.setConversationTools(next);
    setPending(undefined);
    // A first change makes the conversation, which sends focus to the composer from an effect that
    // may run after this line: keep it on the checkbox now and once that effect has run.
    const keep = () => {
      if (box?.isConnected && panel.current?.contains(box) && document.activeElement !== box) box.focus();
    };
    keep();
    requestAnimationFrame(() => setTimeout(keep, 0));
  };

  return (
    <div className="tools-menu" onKeyDown={onKey}>
      <button
        ref={button}
        type="button"
        className="button button-quiet tools-menu-button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-haspopup="true"
        title="Tools this conversation may use"
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        {toolsButtonLabel(count)}
      </button>
      {open && (
        <div ref={panel} id={id} className="tools-popover" role="group" aria-label="Tools">
          <fieldset aria-busy={pending !== undefined || undefined}>
            <legend>Tools for this conversation</legend>
            {sources.length === 0 && <p className="tool-card-note">{loadError ?? 'Loading tools…'}</p>}
            {sources.map((source) => (
              <label key={source.id} className="tools-source" data-state={source.state}>
                <input
                  type="checkbox"
                  checked={enabled.includes(source.id)}
                  onChange={(event) => void toggle(source, event.target.checked)}
                />
                <span>{source.name}</span>
                <span className="tools-source-state">{sourceStateLabel(source)}</span>
              </label>
            ))}
          </fieldset>
          <p className="tool-card-note">
            Models that cannot call tools answer without them (you will be told).
          </p>
        </div>
      )}
    </div>
  );
}
