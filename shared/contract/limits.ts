/**
 * The longest string and the largest list each request may carry, named once. The route schemas
 * refuse anything longer with a message naming the limit, so a pasted 10 MB value never reaches a
 * store (where every index write would rewrite it) or an error message; the renderer's fields use
 * the same numbers as `maxLength`. Plain numbers, no zod, so the chat bundle can import them.
 *
 * Counts are UTF-16 code units (`string.length`, what `maxLength` counts too).
 */

/** Ids the app made (conversations, messages, profiles, presets, runs, streams, trash items). */
export const ID_MAX = 200;
/** Conversation titles, prompt-set and compare-run names. */
export const TITLE_MAX = 200;
/** Profile and preset names: they sit in pickers and menus, so kept shorter. */
export const SHORT_NAME_MAX = 60;
/** A backend base URL: the de-facto URL limit of browsers and proxies. */
export const URL_MAX = 2_048;
/** An API key: real ones are under 200 characters; JWT-style proxy keys can run to a few thousand. */
export const API_KEY_MAX = 4_096;
/** A model id ("hf.co/org/repo-GGUF:Q4_K_M" and the like stay well under it). */
export const MODEL_ID_MAX = 256;
/**
 * One chat message. Generous on purpose: a pasted document (a long spec, a log, a chapter) must
 * still send. A million characters is about 250,000 tokens, beyond the context of the models the app
 * talks to, and still a file the store writes in milliseconds.
 */
export const MESSAGE_TEXT_MAX = 1_000_000;
/** A system prompt (a conversation's, or a preset's). */
export const SYSTEM_PROMPT_MAX = 50_000;
/** One compare prompt (and the prompt the tray window hands to compare). */
export const COMPARE_PROMPT_MAX = 20_000;
/** Prompts in one compare run or prompt set. */
export const COMPARE_PROMPTS_MAX = 50;
/** Backend + model pairs in one compare run. */
export const COMPARE_PAIRS_MAX = 6;
/** A global shortcut such as "CommandOrControl+Shift+Space". */
export const SHORTCUT_MAX = 100;
/** Conversations named in one export request. */
export const EXPORT_IDS_MAX = 100_000;
/** Messages in one imported conversation (a long thread is a few thousand). */
export const IMPORT_MESSAGES_MAX = 100_000;
/** An error quotes at most this much of a bad value, then "…". */
export const ECHO_MAX = 80;

/** Search and import limits live with the library types; re-exported so every limit is found here. */
export { IMPORT_MAX_CHARS, SEARCH_LIMIT_MAX, SEARCH_QUERY_MAX } from '../domain/library';

/** The one wording for an over-long value: what, the limit, and what to do instead. */
export function tooLong(what: string, max: number, fix = 'Shorten it.'): string {
  return `${what} is longer than ${max.toLocaleString('en-US')} characters. ${fix}`;
}
