import { lazy, Suspense, useState } from 'react';
import { useAppState } from '../state/controller-context';

// Settings carry the profile schema (zod) for checking forms as main will; the chat does not need it.
const SettingsView = lazy(() => import('./settings/SettingsView'));
// Compare carries its own schema, stats and tables; loaded the first time it is opened.
const CompareView = lazy(() => import('./compare/CompareView'));
// The Tasks panel: loaded the first time it is opened.
const TasksView = lazy(() => import('./tasks/TasksView'));

/** The settings, compare and tasks views, each loaded the first time it is opened. */
export function SecondaryViews() {
  const view = useAppState((s) => s.view);
  const settingsShown = view === 'settings';
  // Once opened, settings stay mounted (hidden) so an unsaved edit survives a look at the chat.
  const [settingsLoaded, setSettingsLoaded] = useState(false);
  if (settingsShown && !settingsLoaded) setSettingsLoaded(true);
  const compareShown = view === 'compare';
  // Compare stays mounted too once opened: a run keeps streaming into it while the chat is shown.
  const [compareLoaded, setCompareLoaded] = useState(false);
  if (compareShown && !compareLoaded) setCompareLoaded(true);
  const tasksShown = view === 'tasks';
  // Mounted once opened, so the list keeps following `tasks.changed` and an Undo survives a look at the chat.
  const [tasksLoaded, setTasksLoaded] = useState(false);
  if (tasksShown && !tasksLoaded) setTasksLoaded(true);

  return (
    <>
      {settingsLoaded && (
        <Suspense
          fallback={
            <p className="settings-loading" role="status">
              Loading settings…
            </p>
          }
        >
          <SettingsView hidden={!settingsShown} />
        </Suspense>
      )}
      {compareLoaded && (
        <Suspense
          fallback={
            <p className="settings-loading" role="status">
              Loading compare…
            </p>
          }
        >
          <CompareView hidden={!compareShown} />
        </Suspense>
      )}
      {tasksLoaded && (
        <Suspense
          fallback={
            <p className="settings-loading" role="status">
              Loading tasks…
            </p>
          }
        >
          <TasksView hidden={!tasksShown} />
        </Suspense>
      )}
    </>
  );
}
