/** Shown when the user has scrolled away from the bottom; brings them back and resumes following the reply. */
export function JumpToLatestButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="jump-to-latest" onClick={onClick}>
      <span aria-hidden="true">↓</span> Jump to latest
    </button>
  );
}
