import type { ChangeEvent } from 'react';

import { alarmStore } from '../live/alarm-store';
import { useStore } from '../live/store';
import { label, LANGUAGES, setLanguage, useLanguage, useT, type Language } from '../i18n/i18n';
import { Link } from '../router/link';
import { usePath } from '../router/router';
import { logout, useCan, useMe } from '../session/session-store';
import { ConnectionIndicator } from './connection-indicator';
import { allowedItems } from './nav-items';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

/** Product name, the screens this user may open, the live state, the user and language. */
export function AppHeader() {
  const t = useT();
  const me = useMe();
  const path = usePath();
  const language = useLanguage();
  const items = allowedItems(me.permissions);

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {items.map((item) => (
          <Link
            key={item.path}
            to={item.path}
            data-testid={item.testId}
            className={path.startsWith(item.path) ? 'active' : undefined}
            aria-current={path.startsWith(item.path) ? 'page' : undefined}
          >
            {t(item.label)}
            {item.path === '/alarms' && <OpenAlarmCount />}
          </Link>
        ))}
      </nav>
      <div className="header-right">
        <ConnectionIndicator />
        <span className="current-user" data-testid="current-user" title={me.user.username}>
          {me.user.displayName || me.user.username}
          <span className="role"> · {label(t, 'role', me.user.role)}</span>
        </span>
        <select
          data-testid="lang-switch"
          aria-label={t('header.language')}
          value={language}
          onChange={(event: ChangeEvent<HTMLSelectElement>) =>
            setLanguage(event.target.value as Language)
          }
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
        <button type="button" data-testid="logout" onClick={() => void logout()}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}

/** The number of open alarms next to the Alarms link, red while any priority 1 is open. */
function OpenAlarmCount() {
  const canRead = useCan('alarms:read');
  const open = useStore(alarmStore, (queue) => queue.ordered.length);
  const urgent = useStore(alarmStore, (queue) => queue.ordered[0]?.priority === 1);
  if (!canRead || open === 0) return null;

  return <span className={`nav-count${urgent ? ' urgent' : ''}`}>{open}</span>;
}
