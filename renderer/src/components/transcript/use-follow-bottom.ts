import { useCallback, useEffect, useLayoutEffect, useRef, useState, type WheelEvent } from 'react';
import { followAfterScroll, isAtBottom } from '../../state/transcript/transcript-follow';

/**
 * Keeps a scroll container pinned to the bottom while its content grows (a streaming reply, rows of
 * a virtualised list measured taller than guessed), until the user scrolls up; then it stays put and
 * reports `away` so a "Jump to latest" button can show. Growth is watched with a ResizeObserver on
 * the content, so it catches every repaint of the streaming text without the transcript re-rendering.
 */
export function useFollowBottom(conversationKey: string | undefined, lastUserMessageKey: string | undefined) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const lastTop = useRef(0);
  const [away, setAway] = useState(false);

  const toBottom = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    following.current = true;
    el.scrollTop = el.scrollHeight;
    lastTop.current = el.scrollTop;
  }, []);

  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner) return;
    const observer = new ResizeObserver(() => {
      if (!following.current) return;
      el.scrollTop = el.scrollHeight;
      lastTop.current = el.scrollTop;
    });
    observer.observe(inner);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Opening a conversation, or sending a message, always shows the latest.
  useLayoutEffect(() => {
    toBottom();
  }, [conversationKey, lastUserMessageKey, toBottom]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    following.current = followAfterScroll(following.current, lastTop.current, el);
    lastTop.current = el.scrollTop;
    setAway(!isAtBottom(el));
  }, []);

  // A wheel turn upwards is intent, even before the scroll it causes is reported.
  const onWheel = useCallback((event: WheelEvent) => {
    const el = scroller.current;
    if (event.deltaY < 0 && el && el.scrollTop > 0) following.current = false;
  }, []);

  const jump = useCallback(() => {
    toBottom();
    scroller.current?.focus({ preventScroll: true });
  }, [toBottom]);

  /** Something else takes the scroll position (a search hit brought into view). */
  const stopFollowing = useCallback(() => {
    following.current = false;
  }, []);

  return { scroller, content, away, onScroll, onWheel, jump, stopFollowing };
}
