/** A field's error, right under it; the field names it with aria-describedby and aria-invalid. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="system-prompt-field-error">
      {message}
    </p>
  );
}
