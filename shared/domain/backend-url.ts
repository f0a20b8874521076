import { tooLong, URL_MAX } from '../contract/limits';
import { EXAMPLE_BASE_URL } from './backend-presets';
import { quoted } from './excerpt';

/**
 * Normalises the base URL the user typed into the one every request will use, so that what
 * settings show, what "test connection" checks and what chat calls are the same string.
 * Pure: no `URL` globals beyond the standard ones available in every runtime.
 */
export type NormalisedUrl = { ok: true; url: string } | { ok: false; reason: string };

export const urlTooLong = tooLong(
  'The backend URL',
  URL_MAX,
  "Enter the server's base URL, such as http://127.0.0.1:11434/v1.",
);

export function normaliseBaseUrl(input: string): NormalisedUrl {
  const raw = input.trim();
  if (raw.length === 0)
    return { ok: false, reason: `The backend URL is empty. Enter one such as ${EXAMPLE_BASE_URL}.` };
  if (raw.length > URL_MAX) return { ok: false, reason: urlTooLong };
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return { ok: false, reason: `${quoted(raw)} is not a URL. Enter one such as ${EXAMPLE_BASE_URL}.` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      ok: false,
      reason: `The scheme ${quoted(parsed.protocol.replace(':', ''), 20)} is not supported. Use http:// or https://.`,
    };
  }
  if (parsed.username || parsed.password) {
    return { ok: false, reason: 'Put the API key in the key field, not in the URL.' };
  }
  // Drop query, hash and trailing slashes; the SDK appends "/chat/completions" itself.
  let path = parsed.pathname.replace(/\/+$/, '');
  // A pasted endpoint URL is a common mistake: keep the base only.
  path = path.replace(/\/(chat\/completions|completions|models)$/, '');
  return { ok: true, url: `${parsed.protocol}//${parsed.host}${path}` };
}
