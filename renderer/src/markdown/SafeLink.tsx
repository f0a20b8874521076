import type { ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';
import { linkKind } from './url-policy';

/**
 * Links in model output: http(s)/mailto open outside the app (Electron's shell validates again),
 * in-page footnote links stay in-page, and anything else is shown as plain text.
 */
export function SafeLink({ href, title, children }: ComponentProps<'a'> & ExtraProps) {
  const kind = href ? linkKind(href) : undefined;
  if (!href || !kind) return <span className="link-removed">{children}</span>;
  if (kind === 'fragment') return <a href={href}>{children}</a>;
  return (
    <a href={href} title={title ?? href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  );
}
