import { ApiError } from '../api/http-client';
import { isMessageKey, useT } from '../i18n/i18n';

/** An error from the API in words the user can act on, with the server's message below. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;

  const code = error instanceof ApiError ? error.code : 'CLIENT';
  const key = `error.${code}`;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="notice error" role="alert">
      <strong>{isMessageKey(key) ? t(key) : t('error.generic')}</strong>
      {message && <span className="dim"> — {message}</span>}
      {onRetry && (
        <>
          {' '}
          <button type="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </>
      )}
    </div>
  );
}
