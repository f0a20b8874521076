import { LIST_ITEM_COST, MARKUP_CHAR_COST, MAX_FORMATTING_COST } from './render-limits';

const costly = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]|[*_`[\]|~<>!\\]/gm;

/**
 * Costs of recent sources: a streaming reply asks again every frame for its finished blocks, whose
 * source strings do not change.
 */
const known = new Map<string, number>();
let knownChars = 0;
/** Bounded, so the cache never holds on to much text. */
const KNOWN_CHARS = 1_000_000;

/** An estimate of what formatting `source` costs (see render-limits.ts), in character-equivalents. */
export function formattingCost(source: string): number {
  const cached = known.get(source);
  if (cached !== undefined) return cached;
  const cost = measure(source);
  if (knownChars + source.length > KNOWN_CHARS) {
    known.clear();
    knownChars = 0;
  }
  if (source.length <= KNOWN_CHARS) {
    known.set(source, cost);
    knownChars += source.length;
  }
  return cost;
}

function measure(source: string): number {
  let cost = source.length;
  for (const match of source.matchAll(costly)) {
    const marker = match[0];
    // A nested item costs more: the parser re-checks every list and quote it sits in (~2 columns each).
    cost += marker.length > 1 ? LIST_ITEM_COST * (1 + Math.floor((marker.length - 2) / 2)) : MARKUP_CHAR_COST;
  }
  return cost;
}

export function tooCostlyToFormat(source: string): boolean {
  // Cheap first: most blocks are far below the budget even at the highest weight per character.
  return source.length * LIST_ITEM_COST > MAX_FORMATTING_COST && formattingCost(source) > MAX_FORMATTING_COST;
}
