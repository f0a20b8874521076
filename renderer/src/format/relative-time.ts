const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A compact, calm timestamp for the conversation list: "just now", "5 min", "3 h", "Yesterday", a weekday or a date. */
export function relativeTime(then: number, now: number, locale?: string): string {
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min`;
  const thenDate = new Date(then);
  const nowDate = new Date(now);
  const startOfToday = new Date(nowDate.getFullYear(), nowDate.getMonth(), nowDate.getDate()).getTime();
  if (then >= startOfToday) return `${Math.floor(elapsed / HOUR)} h`;
  if (then >= startOfToday - DAY) return 'Yesterday';
  if (then >= startOfToday - 6 * DAY) return thenDate.toLocaleDateString(locale, { weekday: 'short' });
  const sameYear = thenDate.getFullYear() === nowDate.getFullYear();
  return thenDate.toLocaleDateString(
    locale,
    sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' },
  );
}

/** The full date and time, for a tooltip and for screen readers. */
export function fullTime(then: number, locale?: string): string {
  return new Date(then).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
