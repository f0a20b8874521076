import { useState } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import type { ProfileView } from '../../../../shared/domain/profiles';
import { formatBytes } from '../../format/model-info';
import { useAppState, useController } from '../../state/controller-context';
import { useModelsState } from '../../state/models/use-models-state';
import { ErrorDetails } from '../notices/ErrorDetails';
import { DeleteModelDialog } from './DeleteModelDialog';

const timeOf = (epochMs: number) =>
  new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The models on the server's disk (Delete) and those loaded in memory now (Unload). */
export function InstalledModels({ profile }: { profile: ProfileView }) {
  const controller = useController();
  const choices = useAppState((s) => s.modelChoices[profile.id]);
  const loaded = useModelsState((s) => s.loaded[profile.id]);
  const [deleting, setDeleting] = useState<string>();
  const [failure, setFailure] = useState<{ error: UserError; context: string }>();
  const installed = choices?.models ?? [];

  const unload = async (model: string) => {
    const done = await controller.models.unload(profile.id, model);
    setFailure(done.ok ? undefined : { error: done.error, context: `${model} was not unloaded.` });
  };

  return (
    <>
      <section className="models-section" aria-labelledby="installed-models-title">
        <h3 id="installed-models-title" className="models-label">
          Installed
        </h3>
        {choices === undefined ? (
          <p className="models-hint">Loading…</p>
        ) : choices.error ? (
          <p className="models-hint">The list could not be loaded: {choices.error}</p>
        ) : installed.length === 0 ? (
          <p className="models-hint">No models yet: pull one above.</p>
        ) : (
          <ul className="models-list" aria-label="Installed models">
            {installed.map((model) => (
              <li key={model.id} className="models-row">
                <span className="models-name">{model.id}</span>
                <span className="models-meta">
                  {[
                    model.sizeBytes !== undefined ? formatBytes(model.sizeBytes) : '',
                    model.parameterSize ?? '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <button
                  type="button"
                  className="button button-danger-quiet"
                  aria-label={`Delete ${model.id}`}
                  onClick={() => setDeleting(model.id)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="models-section" aria-labelledby="loaded-models-title">
        <h3 id="loaded-models-title" className="models-label">
          Loaded in memory
        </h3>
        {loaded?.error ? (
          <p className="models-hint">Not known: {loaded.error.message}</p>
        ) : !loaded || loaded.models.length === 0 ? (
          <p className="models-hint">None: a model loads when it is first asked, and unloads when idle.</p>
        ) : (
          <ul className="models-list" aria-label="Loaded models">
            {loaded.models.map((model) => (
              <li key={model.name} className="models-row">
                <span className="models-name">{model.name}</span>
                <span className="models-meta">
                  {[
                    model.vramBytes ? `${formatBytes(model.vramBytes)} on the GPU` : '',
                    model.expiresAt ? `until ${timeOf(model.expiresAt)}` : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <button
                  type="button"
                  className="button"
                  aria-label={`Unload ${model.name}`}
                  onClick={() => void unload(model.name)}
                >
                  Unload
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {failure && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={failure.error} context={failure.context} />
        </div>
      )}
      {deleting && (
        <DeleteModelDialog
          profile={profile}
          model={deleting}
          others={installed.map((m) => m.id).filter((id) => id !== deleting)}
          onDone={(error) => {
            setDeleting(undefined);
            setFailure(error ? { error, context: `${deleting} was not deleted.` } : undefined);
          }}
        />
      )}
    </>
  );
}
