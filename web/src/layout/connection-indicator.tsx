import { connectionStore } from '../live/connection-store';
import { useNow } from '../live/clock';
import { useStore } from '../live/store';
import { useT } from '../i18n/i18n';

/** A dot and a word: live, connecting, or offline with the seconds until the next try. */
export function ConnectionIndicator() {
  const t = useT();
  const status = useStore(connectionStore, (connection) => connection.status);
  const retryAt = useStore(connectionStore, (connection) => connection.retryAt);

  return (
    <span className={`connection ${status}`} role="status" data-testid="connection-status">
      <span className="dot" aria-hidden="true" />
      {status === 'live' && t('connection.live')}
      {status === 'connecting' && t('connection.connecting')}
      {status === 'offline' && <Countdown retryAt={retryAt} />}
    </span>
  );
}

function Countdown({ retryAt }: { retryAt: number | null }) {
  const t = useT();
  const now = useNow();
  const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;
  return <>{t('connection.offline', { s: seconds })}</>;
}
