/**
 * What a transcript row knows besides its message, as primitives so memoised rows re-render only
 * when their own situation changes.
 */
export interface RowPlacement {
  /** 1-based position among the transcript's messages, and how many there are (aria-posinset/setsize). */
  position: number;
  total: number;
  /** The last request did not send this message (it did not fit the model's context). */
  omitted: boolean;
  /** Brought into view on request (a search hit): highlighted briefly, focusable. */
  highlighted: boolean;
}

/** The article's attributes that come from the row's placement. */
export function rowAttributes(message: { id: string }, placement: RowPlacement) {
  return {
    'data-message-id': message.id,
    'aria-posinset': placement.position,
    'aria-setsize': placement.total,
    'data-omitted': placement.omitted || undefined,
    'data-highlight': placement.highlighted || undefined,
    tabIndex: -1,
  };
}

/** Said (not shown) on a message the last request left out. */
export const NOT_SENT_LABEL = 'Not sent with the last request.';
