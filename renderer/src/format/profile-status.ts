import type { ProfileStatus } from '../../../shared/domain/profiles';

/** A status dot's colour class: green online, grey offline or unknown, red when something is wrong. */
export type StatusTone = 'online' | 'offline' | 'problem' | 'unknown';

export function statusTone(status: ProfileStatus | undefined): StatusTone {
  switch (status?.state) {
    case 'online':
      return 'online';
    case 'offline':
      return 'offline';
    case 'unreachable':
    case 'error':
      return 'problem';
    default:
      return 'unknown';
  }
}

const startsWith = (text: string, word: RegExp) => word.test(text.trim());

/**
 * The line under a profile in settings: "Online · 3 models · 12 ms", "Offline — will reconnect",
 * "Not reachable — <cause>", or the error's cause.
 */
export function statusText(status: ProfileStatus | undefined): string {
  if (!status) return 'Not checked yet';
  const summary = status.summary.trim();
  switch (status.state) {
    case 'online':
      if (!summary || startsWith(summary, /^online\b/i)) return summary || 'Online';
      return `Online · ${summary}`;
    case 'offline':
      if (!summary) return 'Offline — will reconnect';
      return startsWith(summary, /^offline\b/i) ? summary : `Offline — ${summary}`;
    case 'unreachable':
      if (!summary) return 'Not reachable';
      return startsWith(summary, /^not reachable\b/i) ? summary : `Not reachable — ${summary}`;
    case 'error':
      return summary || 'Something is wrong with this backend';
    case 'unknown':
      return summary || 'Checking…';
  }
}

/** One or two words, for a `<select>` option where there is no room for the whole story. */
export function statusWord(status: ProfileStatus | undefined): string {
  switch (status?.state) {
    case 'online':
      return 'online';
    case 'offline':
      return 'offline';
    case 'unreachable':
      return 'not reachable';
    case 'error':
      return 'error';
    default:
      return 'checking';
  }
}

/** A dot in text, for places that cannot be coloured (native `<option>`s): filled when online. */
export function statusGlyph(status: ProfileStatus | undefined): string {
  switch (statusTone(status)) {
    case 'online':
      return '●';
    case 'problem':
      return '✕';
    default:
      return '○';
  }
}
