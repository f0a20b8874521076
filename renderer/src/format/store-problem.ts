/** Which data file a store problem is about, in words (the path follows it in the banner). */
export function problemSubject(file: string): string {
  const parts = file.split(/[\\/]/);
  const name = parts.at(-1) ?? '';
  const folder = parts.at(-2);
  if (folder === 'conversations') return 'A conversation file';
  if (folder === 'trash') return 'A file in the trash';
  if (name === 'index.json') return 'The conversation list (index.json)';
  return 'A data file';
}

/** A reason or recovery as a sentence: capitalised, with a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const capitalised = trimmed[0]?.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
