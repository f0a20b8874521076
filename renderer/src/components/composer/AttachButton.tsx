import { useRef } from 'react';
import { ACCEPTED_FILES } from '../../attachments/file-kinds';

/**
 * The paperclip: a real button (Enter and Space work, it has a name) opening the system's file
 * picker through a hidden file input. The input is reset after each pick so the same file can be
 * picked again after removing it.
 */
export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="icon-button composer-attach"
        aria-label="Attach files"
        title="Attach images or documents (or paste, or drop them here)"
        onClick={() => input.current?.click()}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l9.2-9.2a3.7 3.7 0 0 1 5.2 5.2l-9.2 9.2a1.8 1.8 0 0 1-2.6-2.6l8.5-8.5" />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="attach-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}
