import { useAppState } from '../../state/controller-context';

/** Only in the browser host: the socket to the app host dropped and is being re-established. */
export function ConnectionBanner() {
  const connection = useAppState((s) => s.connection);
  return (
    <div className="connection-status" role="status">
      {connection === 'reconnecting' && (
        <p className="banner banner-connection">Disconnected — reconnecting…</p>
      )}
    </div>
  );
}
