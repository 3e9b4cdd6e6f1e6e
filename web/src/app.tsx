import { lazy, Suspense, useEffect, useMemo } from 'react';

import { useT } from './i18n/i18n';
import { AppShell } from './layout/app-shell';
import { allowedItems } from './layout/nav-items';
import { reloadAlarms, resetAlarms } from './live/alarm-store';
import { startLive } from './live/live-socket';
import { useStore } from './live/store';
import { matchPath, navigate, usePath } from './router/router';
import { AlarmQueueScreen } from './screens/alarms/alarm-queue-screen';
import { ComplianceScreen } from './screens/compliance/compliance-screen';
import { LoginScreen } from './screens/login/login-screen';
import { UnitDetailScreen } from './screens/registry/unit-detail-screen';
import { UnitsScreen } from './screens/registry/units-screen';
import { loadSession, sessionStore, useMe } from './session/session-store';

// Leaflet is the largest dependency and only the map needs it.
const MapScreen = lazy(() => import('./screens/map/map-screen'));

/** Checks the session, then shows the login screen or the console. */
export function App() {
  const t = useT();
  const session = useStore(sessionStore, (value) => value);

  useEffect(() => {
    void loadSession();
  }, []);

  if (session.status === 'checking')
    return <div className="full-page-message">{t('common.loading')}</div>;
  if (session.status === 'unreachable') {
    return (
      <div className="full-page-message" role="alert">
        <p>{t('app.unreachable')}</p>
        <p className="faint">{session.message}</p>
        <button type="button" onClick={() => void loadSession()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (session.status === 'signed-out') return <LoginScreen expired={session.expired} />;

  return <Console />;
}

/** The signed-in console: one live connection for its lifetime, the screen for the path. */
function Console() {
  const me = useMe();
  const canReadAlarms = me.permissions.includes('alarms:read');

  useEffect(() => {
    // Load the queue at once; the live connection loads it again on every (re)connect.
    if (canReadAlarms) void reloadAlarms();
    const stop = startLive({ alarms: canReadAlarms });
    return () => {
      stop();
      resetAlarms();
    };
  }, [me.user.id, canReadAlarms]);

  return (
    <AppShell>
      <Suspense fallback={null}>
        <Routes />
      </Suspense>
    </AppShell>
  );
}

function Routes() {
  const t = useT();
  const me = useMe();
  const path = usePath();
  const items = useMemo(() => allowedItems(me.permissions), [me.permissions]);
  const allowed = (prefix: string) => items.some((item) => item.path === prefix);
  const home = items[0]?.path;

  useEffect(() => {
    const known = items.some((item) => path === item.path || path.startsWith(`${item.path}/`));
    if (!known && home) navigate(home, { replace: true });
  }, [path, home, items]);

  if (allowed('/alarms')) {
    if (path === '/alarms') return <AlarmQueueScreen selectedId={null} />;
    const alarm = matchPath('/alarms/:id', path);
    if (alarm) return <AlarmQueueScreen selectedId={Number(alarm.id)} />;
  }
  if (allowed('/units')) {
    if (path === '/units') return <UnitsScreen />;
    const unit = matchPath('/units/:id', path);
    if (unit) return <UnitDetailScreen unitId={unit.id} />;
  }
  if (allowed('/compliance') && path === '/compliance') return <ComplianceScreen />;
  if (allowed('/map') && path === '/map') return <MapScreen />;

  return home ? null : <div className="full-page-message">{t('app.noScreens')}</div>;
}
