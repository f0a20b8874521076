import type { FilePart } from '../../../../shared/domain/message-parts';
import { cutNote, fileChipName, fileDetails } from './attachment-format';

/** A sent document: an icon, its name, format, pages or size, and a note when only its start was sent. */
export function FileChip({ part }: { part: FilePart }) {
  const cut = cutNote(part);
  return (
    <div className="sent-file" data-format={part.format} title={fileChipName(part)}>
      <svg className="sent-file-icon" viewBox="0 0 16 16" width="20" height="20" aria-hidden="true">
        <path
          d="M4 1.5h5l3.5 3.5v9.5h-8.5z M9 1.5v3.5h3.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.2"
          strokeLinejoin="round"
        />
      </svg>
      <span className="sent-file-text">
        <span className="sent-file-name">{part.name}</span>
        <span className="sent-file-details">{fileDetails(part).join(' · ')}</span>
        {cut && <span className="sent-file-cut">{cut}</span>}
      </span>
    </div>
  );
}
