import type { StoreProblem } from '../../../../shared/index';
import { problemSubject, sentence } from '../../format/store-problem';
import { useAppState, useController } from '../../state/controller-context';

function ProblemBanner({ problem, onDismiss }: { problem: StoreProblem; onDismiss: () => void }) {
  return (
    <div className="banner banner-problem" role="alert">
      <p>
        {problemSubject(problem.file)} could not be read: <code>{problem.file}</code> ({problem.reason}).{' '}
        {problem.movedTo === problem.file ? (
          'It was left in place.'
        ) : (
          <>
            It was moved to <code>{problem.movedTo}</code>.
          </>
        )}{' '}
        {sentence(problem.recovery)}
      </p>
      <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </button>
    </div>
  );
}

/** Damaged data files, moved aside by the store: never silently, one dismissible banner each. */
export function StoreProblemBanners() {
  const controller = useController();
  const problems = useAppState((s) => s.problems);
  if (problems.length === 0) return null;
  return (
    <div className="banners">
      {problems.map((problem) => (
        <ProblemBanner
          key={`${problem.file}|${problem.at}`}
          problem={problem}
          onDismiss={() => controller.dismissProblem(problem)}
        />
      ))}
    </div>
  );
}
