/**
 * Which link targets model output may carry: absolute http(s) and mailto only, plus in-page
 * fragments (GFM footnotes). Everything else (javascript:, data:, file:, relative paths that would
 * navigate the app itself) is dropped and the link text is shown as plain text.
 */
import { hasBidiControls, hasBidiMarkers } from '../../../shared/domain/bidi-controls';

const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

export type LinkKind = 'external' | 'fragment';

export function linkKind(url: string): LinkKind | undefined {
  const value = url.trim();
  // sanitizeText already shows these as markers; a target that still holds one came another way.
  if (hasBidiControls(value)) return undefined;
  if (/^#[^\s]*$/.test(value)) return 'fragment';
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return undefined; // Relative or malformed: not a place we send the user.
  }
  return allowedProtocols.has(parsed.protocol) ? 'external' : undefined;
}

/** For react-markdown's `urlTransform`: the URL when allowed, otherwise null (the attribute is dropped). */
export function safeUrl(url: string): string | null {
  return linkKind(url) ? url.trim() : null;
}

/** Images are never loaded (no silent remote requests): only http(s) targets become "Image: alt" links. */
export function safeImageUrl(url: string): string | null {
  const value = url.trim();
  return linkKind(value) === 'external' && /^https?:/i.test(value) ? value : null;
}

/**
 * Text that reads as a web address: with a scheme, or a host name starting "www." or ending in a
 * common top-level domain, optionally followed by a path. Names like "Node.js" or "README.md" are
 * not taken for addresses (a short list rather than every TLD, because those read as words).
 */
const withScheme = /^[a-z][a-z0-9+.-]*:\/\/\S*$/i;
const hostLike =
  /^(?:www\.[\p{L}\p{N}.-]+|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|io|dev|ai|app|co|gov|edu|info|me|us|uk|eu|de|fr|ru|cn|jp|xyz))(?:[/:?#]\S*)?$/iu;

/**
 * Whether a link's visible text could mislead about where it goes, so the real target must be shown
 * beside it: the text holds a bidirectional control (shown as a marker, e.g. `⟨U+202E⟩`), or it reads
 * as an address on another host than the target (`[https://example.com](https://evil.invalid/)`).
 * A link whose text is prose, or the same host, reads as it is and is left alone.
 */
export function linkTextMisleads(text: string, href: string): boolean {
  if (hasBidiControls(text) || hasBidiMarkers(text)) return true;
  const shown = text.trim();
  const scheme = withScheme.test(shown);
  if (!scheme && !hostLike.test(shown)) return false;
  const target = hostOf(href);
  const claimed = hostOf(scheme ? shown : `http://${shown}`);
  return target === undefined || claimed !== target;
}

function hostOf(url: string): string | undefined {
  try {
    const { hostname } = new URL(url);
    return hostname.toLowerCase().replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}
