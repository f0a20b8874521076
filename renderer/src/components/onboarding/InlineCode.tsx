/** Text whose `backticked` parts are commands, shown as code (never as literal backticks). */
export function InlineCode({ text }: { text: string }) {
  // The split of a fixed string never reorders: its index is a stable key.
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
