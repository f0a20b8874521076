import type { ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';
import { excerpt } from '../../../shared/domain/excerpt';
import { linkKind, linkTextMisleads } from './url-policy';

type HastNode = NonNullable<ExtraProps['node']>['children'][number];

/** The text a link shows, read from its syntax tree (children are React nodes by now). */
function textOf(node: HastNode | NonNullable<ExtraProps['node']>): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/**
 * Links in model output: http(s)/mailto open outside the app (Electron's shell validates again),
 * in-page footnote links stay in-page, and anything else is shown as plain text. The tooltip is
 * always the real target (a markdown title could claim another), and where the text could mislead
 * about the target (it reads as another address, or held a direction control) the real target is
 * shown in the link itself, so it is seen and read out without hovering.
 */
export function SafeLink({ href, title, children, node }: ComponentProps<'a'> & ExtraProps) {
  const kind = href ? linkKind(href) : undefined;
  if (!href || !kind) return <span className="link-removed">{children}</span>;
  if (kind === 'fragment') return <a href={href}>{children}</a>;
  const misleads = node !== undefined && linkTextMisleads(textOf(node), href);
  return (
    <a href={href} title={title ? `${href}\n${title}` : href} target="_blank" rel="noreferrer noopener">
      {children}
      {misleads && <span className="link-target"> (goes to {excerpt(href, 120)})</span>}
    </a>
  );
}
