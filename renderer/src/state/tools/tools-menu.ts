import type { ToolSourceView } from '../../../../shared/domain/tools';

/** "Tools (2)": how many tool sources this conversation has on. */
export function toolsButtonLabel(count: number): string {
  return `Tools (${count})`;
}

/** A source's line in the menu: how many tools it offers, or why it offers none now. */
export function sourceStateLabel(source: ToolSourceView): string {
  const usable = source.tools.filter((t) => t.enabled).length;
  switch (source.state) {
    case 'ready':
      return usable === 1 ? '1 tool' : `${usable} tools`;
    case 'starting':
      return 'Starting…';
    case 'failed':
      return 'Failed to start (see Settings)';
    case 'stopped':
      return 'Stopped';
  }
}
