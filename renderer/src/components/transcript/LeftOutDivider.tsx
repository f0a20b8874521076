import { leftOutText } from '../../state/transcript/transcript-rows';

/** Above the oldest message the last request sent: how many earlier ones it left out, and why. */
export function LeftOutDivider({ count, contextLength }: { count: number; contextLength: number }) {
  return (
    <div className="left-out-divider" role="note">
      <span className="left-out-text">{leftOutText(count, contextLength)}</span>
    </div>
  );
}
