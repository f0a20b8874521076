/** A checklist. */
export function TasksIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M2.5 4 4 5.5 6.5 2.5M2.5 10 4 11.5 6.5 8.5M8.5 4.5h5M8.5 10.5h5" />
    </svg>
  );
}
