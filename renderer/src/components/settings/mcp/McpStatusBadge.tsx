import type { McpServerView } from '../../../../../shared/domain/mcp';
import { useNow } from '../../../state/core/use-now';

type Status = McpServerView['status'];

/** "Restarting in N s" counts down while it waits; the rest say the state in a word. */
export function statusWord(status: Status, enabled: boolean, now: number): string {
  switch (status.state) {
    case 'starting':
      return 'Starting';
    case 'ready':
      return 'Ready';
    case 'failed':
      return 'Failed';
    case 'restarting': {
      const seconds = Math.max(0, Math.ceil(((status.nextRestartAt ?? now) - now) / 1000));
      return seconds > 0 ? `Restarting in ${seconds} s` : 'Restarting';
    }
    default:
      return enabled ? 'Stopped' : 'Off';
  }
}

export function McpStatusBadge({ status, enabled, id }: { status: Status; enabled: boolean; id: string }) {
  const now = useNow(status.state === 'restarting' ? 1_000 : 60_000);
  return (
    <span id={id} className="mcp-badge" data-state={enabled ? status.state : 'off'}>
      {statusWord(status, enabled, now)}
    </span>
  );
}
