import { useState, type FormEvent } from 'react';

import { ApiError } from '../../api/http-client';
import {
  LANGUAGES,
  setLanguage,
  useLanguage,
  useT,
  type Language,
  type Translate,
} from '../../i18n/i18n';
import { formatDuration } from '../../i18n/format';
import { login } from '../../session/session-store';
import './login.css';

/** Username and password; the server answers with the session cookie. */
export function LoginScreen({ expired }: { expired: boolean }) {
  const t = useT();
  const language = useLanguage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
    } catch (cause) {
      setError(loginErrorText(cause, t));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <form className="login-card panel" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-head">
          <h1 id="login-title">{t('app.name')}</h1>
          <select
            data-testid="lang-switch"
            aria-label={t('header.language')}
            value={language}
            onChange={(event) => setLanguage(event.target.value as Language)}
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {code === 'en' ? 'English' : '简体中文'}
              </option>
            ))}
          </select>
        </div>
        <p className="dim">{t('login.subtitle')}</p>
        {expired && !error && <p className="notice">{t('login.expired')}</p>}
        <label>
          {t('login.username')}
          <input
            data-testid="login-username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="notice error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}

function loginErrorText(cause: unknown, t: Translate): string {
  if (!(cause instanceof ApiError)) return t('error.generic');

  if (cause.status === 429) {
    const details = cause.details as { retryAfterS?: number } | undefined;
    const seconds = cause.retryAfterS ?? details?.retryAfterS;
    return seconds
      ? t('login.rateLimitedFor', { wait: formatDuration(seconds, t) })
      : t('login.rateLimited');
  }
  if (cause.code === 'BAD_CREDENTIALS' || cause.status === 401) return t('login.badCredentials');
  if (cause.code === 'NETWORK') return t('login.unreachable');
  return `${t('error.generic')} (${cause.code})`;
}
