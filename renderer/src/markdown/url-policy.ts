/**
 * Which link targets model output may carry: absolute http(s) and mailto only, plus in-page
 * fragments (GFM footnotes). Everything else (javascript:, data:, file:, relative paths that would
 * navigate the app itself) is dropped and the link text is shown as plain text.
 */
const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

export type LinkKind = 'external' | 'fragment';

export function linkKind(url: string): LinkKind | undefined {
  const value = url.trim();
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
