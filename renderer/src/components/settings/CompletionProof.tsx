import type { ConnectionReport } from '../../../../shared/domain/profiles';
import { ErrorDetails } from '../notices/ErrorDetails';

/**
 * The one-token completion that proves the key where `/models` is public: proven, refused (with the
 * fix), failed, or skipped for a cloud profile with a button to run it (it costs a token).
 */
export function CompletionProof({
  completion,
  onTestCompletion,
}: {
  completion: ConnectionReport['completion'];
  onTestCompletion: () => void;
}) {
  if (!completion) return null;
  const latency = completion.latencyMs !== undefined ? ` in ${Math.round(completion.latencyMs)} ms` : '';
  switch (completion.outcome) {
    case 'ok':
      return (
        <p className="test-line" data-proof="ok">
          Key proven: {completion.model ?? 'the model'} answered a one-token request{latency}.
        </p>
      );
    case 'auth':
      return (
        <div className="test-proof" data-proof="auth">
          <ErrorDetails
            context="The server lists its models to anyone, but refused a chat request with this key."
            error={
              completion.error ?? {
                code: 'auth',
                message: completion.detail ?? 'The key was rejected.',
                fix: 'Enter the key the server was started with (for llama-server, its --api-key), then test again.',
                retryable: false,
              }
            }
          />
        </div>
      );
    case 'failed':
      return (
        <div className="test-proof" data-proof="failed">
          <ErrorDetails
            context="The models are listed, but a one-token chat request failed."
            error={
              completion.error ?? {
                code: 'internal',
                message: completion.detail ?? 'The test completion failed.',
                fix: 'Check the default model, then test again.',
                retryable: true,
              }
            }
          />
        </div>
      );
    case 'skipped':
      return (
        <div className="test-proof" data-proof="skipped">
          <p className="test-line">
            {completion.detail ??
              'The key was not tried with a chat request: on a cloud service it costs a token.'}
          </p>
          <button type="button" className="button" onClick={onTestCompletion}>
            Test with a completion (uses 1 token)
          </button>
        </div>
      );
  }
}
