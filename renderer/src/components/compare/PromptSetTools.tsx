import { useState } from 'react';
import { TITLE_MAX } from '../../../../shared/contract/limits';
import type { PromptSet } from '../../../../shared/domain/compare';
import type { UserError } from '../../../../shared/domain/errors';
import { useController } from '../../state/controller-context';
import { CompareField } from './CompareField';

type Props = { mode: 'save'; prompts: string[] } | { mode: 'delete'; set: PromptSet; onDeleted: () => void };

/** Keeps a typed list as a named set for next time, or deletes a saved one (built-in sets stay). */
export function PromptSetTools(props: Props) {
  if (props.mode === 'delete') return <DeleteSet set={props.set} onDeleted={props.onDeleted} />;
  return <SaveSet prompts={props.prompts} />;
}

function SaveSet({ prompts }: { prompts: string[] }) {
  const { compare } = useController();
  const [name, setName] = useState('');
  const [error, setError] = useState<UserError>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setSaved(undefined);
    const result = await compare.savePromptSet({ name, prompts });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setSaved(
      `Saved “${result.value.name}” with ${result.value.prompts.length} prompts; pick it under “A saved set”.`,
    );
    setName('');
  };

  const nameError =
    error?.fields?.['name'] ?? (error && !error.fields?.['prompts'] ? error.message : undefined);
  const promptsError = error?.fields?.['prompts'] ?? fieldStartingWith(error?.fields, 'prompts.');
  return (
    <div className="set-tools">
      <CompareField label="Save this list as a set" error={nameError ?? promptsError} className="set-name">
        {(control) => (
          <input
            {...control}
            className="input"
            value={name}
            maxLength={TITLE_MAX}
            placeholder="Set name"
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void save();
              }
            }}
          />
        )}
      </CompareField>
      <button type="button" className="button" disabled={busy} onClick={() => void save()}>
        Save set
      </button>
      <p className="set-status" role="status">
        {saved}
      </p>
    </div>
  );
}

function fieldStartingWith(fields: Record<string, string> | undefined, prefix: string): string | undefined {
  return fields ? Object.entries(fields).find(([key]) => key.startsWith(prefix))?.[1] : undefined;
}

function DeleteSet({ set, onDeleted }: { set: PromptSet; onDeleted: () => void }) {
  const { compare } = useController();
  const [busy, setBusy] = useState(false);
  return (
    <div className="set-tools">
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const deleted = await compare.deletePromptSet(set.id);
          setBusy(false);
          if (deleted) onDeleted();
        }}
      >
        Delete set “{set.name}”
      </button>
    </div>
  );
}
