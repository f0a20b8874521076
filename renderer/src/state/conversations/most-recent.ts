/**
 * The conversation with the latest activity; ties keep the list's order. The list itself puts
 * pinned conversations first, so its first row is not "the most recent" that a window opens on.
 */
export function mostRecent<T extends { updatedAt: number }>(conversations: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const c of conversations) if (!best || c.updatedAt > best.updatedAt) best = c;
  return best;
}
