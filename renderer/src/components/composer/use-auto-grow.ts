import { useLayoutEffect, useRef } from 'react';

/** Whether the browser sizes textareas to their content by itself (Chromium 123+: Electron, Chrome). */
const nativeAutoGrow = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

/** A ref for a textarea that grows with its content up to its CSS max-height, also where `field-sizing` is missing. */
export function useAutoGrowTextarea(value: string) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = textarea.current;
    if (nativeAutoGrow || !el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [value]);
  return textarea;
}
