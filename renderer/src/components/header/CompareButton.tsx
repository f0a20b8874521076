import { useController } from '../../state/controller-context';

/** Opens the compare view: the same prompts to several backends, side by side, with timings. */
export function CompareButton() {
  const controller = useController();
  return (
    <button
      type="button"
      className="icon-button compare-button"
      aria-label="Compare backends"
      title="Compare backends"
      onClick={() => controller.openCompare()}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M2.5 2.5h4.5v11H2.5zM9 2.5h4.5v11H9z" />
        <path d="M4 5.5h1.5M10.5 5.5H12M4 8h1.5M10.5 8H12" />
      </svg>
    </button>
  );
}
