import { LIST_ITEM_COST, MARKUP_CHAR_COST, MAX_FORMATTING_COST } from './render-limits';

const costly = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]|[*_`[\]|~<>!\\]/gm;

/** An estimate of what formatting `source` costs (see render-limits.ts), in character-equivalents. */
export function formattingCost(source: string): number {
  let cost = source.length;
  for (const match of source.matchAll(costly))
    cost += match[0].length > 1 ? LIST_ITEM_COST : MARKUP_CHAR_COST;
  return cost;
}

export function tooCostlyToFormat(source: string): boolean {
  // Cheap first: most blocks are far below the budget even at the highest weight per character.
  return source.length * LIST_ITEM_COST > MAX_FORMATTING_COST && formattingCost(source) > MAX_FORMATTING_COST;
}
