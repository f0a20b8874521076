/**
 * Whether the transcript keeps following the bottom (a streaming reply) after a scroll. Pure; the
 * hook in components/transcript feeds it what the scroll container reports.
 */

/** How close to the bottom still counts as "at the bottom", in CSS pixels. */
export const BOTTOM_SLACK = 32;

export interface ScrollView {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

export function isAtBottom(view: ScrollView, slack = BOTTOM_SLACK): boolean {
  return view.scrollHeight - view.scrollTop - view.clientHeight <= slack;
}

/**
 * At the bottom: follow. Moved up: the user is reading, stop following. Moved down (or not at all)
 * without reaching the bottom: rows below were just measured taller than guessed, or the reply
 * grew between our scroll and this event — keep following, the next resize pins the bottom again.
 */
export function followAfterScroll(following: boolean, previousTop: number, view: ScrollView): boolean {
  if (isAtBottom(view)) return true;
  if (view.scrollTop < previousTop - 1) return false;
  return following;
}
