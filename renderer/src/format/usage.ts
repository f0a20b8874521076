import type { Usage } from '../../../shared/index';

const number = new Intl.NumberFormat();

/** Compact token usage under a reply: "12 → 340 tokens" (prompt → reply). */
export function usageLabel(usage: Usage): string {
  return `${number.format(usage.promptTokens)} → ${number.format(usage.completionTokens)} tokens`;
}

/** The same, spelled out for a tooltip and screen readers. */
export function usageDescription(usage: Usage): string {
  return `${number.format(usage.promptTokens)} prompt tokens, ${number.format(usage.completionTokens)} reply tokens, ${number.format(usage.totalTokens)} in total`;
}
