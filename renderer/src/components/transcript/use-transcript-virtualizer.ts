import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, type RefObject } from 'react';
import type { Message } from '../../../../shared/domain/conversation';
import { estimateRowHeight } from '../../state/transcript/transcript-rows';

/** Rows rendered beyond the visible ones on each side: enough for smooth scrolling and keyboard paging. */
const OVERSCAN = 6;

/**
 * The transcript's virtual list: rows of dynamic height, measured once mounted (and re-measured as
 * a reply grows); positions are written to the DOM directly, so a scroll or a growing reply renders
 * nothing in React unless the set of visible rows changes. `keepIndex` (the row being edited) stays
 * mounted when scrolled away, so its draft and focus are not lost.
 */
export function useTranscriptVirtualizer(
  rows: readonly Message[],
  scroller: RefObject<HTMLDivElement | null>,
  keepIndex: number,
) {
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (keepIndex < 0 || keepIndex >= range.count || indexes.includes(keepIndex)) return indexes;
      return [...indexes, keepIndex].sort((a, b) => a - b);
    },
    [keepIndex],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read through its methods on every render, never memoised.
  return useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index] ? estimateRowHeight(rows[index]) : 120),
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: OVERSCAN,
    paddingStart: 24,
    paddingEnd: 16,
    rangeExtractor,
    directDomUpdates: true,
  });
}
