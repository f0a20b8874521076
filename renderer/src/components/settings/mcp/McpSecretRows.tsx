import { newRow, type SecretRow } from '../../../state/mcp/mcp-form';

interface Props {
  /** "Environment variables" or "Headers". */
  legend: string;
  /** "variable" or "header", for the buttons' names. */
  noun: string;
  rows: SecretRow[];
  onChange: (rows: SecretRow[]) => void;
}

/**
 * Name/value rows whose values are secrets: a saved value is never shown, its field says "saved"
 * and stays empty; typing replaces it, leaving it empty keeps it.
 */
export function McpSecretRows({ legend, noun, rows, onChange }: Props) {
  const update = (key: number, patch: Partial<SecretRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className="mcp-secret-rows">
      <legend className="field-label">{legend}</legend>
      {rows.length === 0 && <p className="field-hint">None.</p>}
      {rows.map((row, index) => (
        <div key={row.key} className="mcp-secret-row">
          <input
            className="input"
            value={row.name}
            aria-label={`${legend}: name ${index + 1}`}
            placeholder="NAME"
            spellCheck={false}
            readOnly={row.saved}
            onChange={(event) => update(row.key, { name: event.target.value })}
          />
          <input
            className="input"
            type="password"
            autoComplete="off"
            value={row.value}
            aria-label={`${legend}: value of ${row.name || `row ${index + 1}`}`}
            placeholder={row.saved ? 'saved (type to replace)' : 'value'}
            onChange={(event) => update(row.key, { value: event.target.value })}
          />
          <button
            type="button"
            className="button button-quiet"
            aria-label={`Remove ${noun} ${row.name || index + 1}`}
            onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button button-quiet" onClick={() => onChange([...rows, newRow()])}>
        Add {noun}
      </button>
    </fieldset>
  );
}
