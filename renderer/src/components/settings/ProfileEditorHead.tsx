import { useId, type Ref } from 'react';

interface Props {
  heading: string;
  /** False for a new profile (from a preset), which has no tools yet. */
  saved: boolean;
  isDefault: boolean;
  isOnly: boolean;
  titleRef: Ref<HTMLHeadingElement>;
  onMakeDefault: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

/** The editor's title with the profile's tools (default, duplicate, delete) and why one is off. */
export function ProfileEditorHead({
  heading,
  saved,
  isDefault,
  isOnly,
  titleRef,
  onMakeDefault,
  onDuplicate,
  onDelete,
}: Props) {
  const deleteHelpId = useId();
  return (
    <>
      <div className="editor-head">
        <h2 id="profile-editor-title" className="editor-title" ref={titleRef} tabIndex={-1}>
          {heading}
          {saved && isDefault && <span className="badge badge-default">Default</span>}
        </h2>
        {saved && (
          <div className="editor-tools">
            <button type="button" className="button" disabled={isDefault} onClick={onMakeDefault}>
              Make default
            </button>
            <button type="button" className="button" onClick={onDuplicate}>
              Duplicate
            </button>
            <button
              type="button"
              className="button button-danger-quiet"
              disabled={isOnly}
              aria-describedby={isOnly ? deleteHelpId : undefined}
              onClick={onDelete}
            >
              Delete
            </button>
          </div>
        )}
      </div>
      {saved && isOnly && (
        <p id={deleteHelpId} className="editor-note">
          This is the only profile, so it cannot be deleted. Add another one first.
        </p>
      )}
      {!saved && (
        <p className="editor-note">Not saved yet. Check the details, test the connection, then Save.</p>
      )}
    </>
  );
}
