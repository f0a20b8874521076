import type { z } from 'zod';
import { excerpt, quoted } from '../domain/excerpt';

/** Longer than any message the schemas write; only a message quoting the input could reach it. */
const ISSUE_MESSAGE_MAX = 400;

/**
 * The words for one invalid-input issue, as the router answers it. The schemas' own messages never
 * quote the value, but zod's default for unknown fields quotes every field name whole (a 10 MB name
 * would come back in the error): those are named by a short prefix, and any message is cut at
 * `ISSUE_MESSAGE_MAX` as a last guard.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.slice(0, 3).map((key) => quoted(key, 40));
    const more = issue.keys.length > 3 ? ` and ${issue.keys.length - 3} more` : '';
    const one = issue.keys.length === 1;
    return `Unknown field${one ? '' : 's'} ${names.join(', ')}${more}: remove ${one ? 'it' : 'them'}.`;
  }
  return excerpt(issue.message, ISSUE_MESSAGE_MAX);
}
