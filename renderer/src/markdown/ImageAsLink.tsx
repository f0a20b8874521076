import type { ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';
import { excerpt } from '../../../shared/domain/excerpt';
import { linkTextMisleads, safeImageUrl } from './url-policy';

/** Images in model output are never fetched (no silent remote requests): they become a link the user can choose to open. */
export function ImageAsLink({ src, alt }: ComponentProps<'img'> & ExtraProps) {
  const label = `Image: ${alt?.trim() || 'untitled'}`;
  const url = typeof src === 'string' ? safeImageUrl(src) : null;
  if (!url) return <span className="image-link">{label}</span>;
  return (
    <a className="image-link" href={url} title={url} target="_blank" rel="noreferrer noopener">
      {label}
      {linkTextMisleads(alt ?? '', url) && (
        <span className="link-target"> (goes to {excerpt(url, 120)})</span>
      )}
    </a>
  );
}
