import type { AlarmAction, AlarmEvent } from '../../api/types';
import { formatDateTime } from '../../i18n/format';
import { label, useLanguage, useT } from '../../i18n/i18n';

/** The signals and restores that make up the alarm, newest first. */
export function AlarmEvents({ events }: { events: readonly AlarmEvent[] }) {
  const t = useT();
  const language = useLanguage();
  const sorted = [...events].sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));

  return (
    <section className="detail-section">
      <h3>{t('alarms.detail.events', { count: events.length })}</h3>
      <table className="grid compact">
        <thead>
          <tr>
            <th>{t('alarms.detail.received')}</th>
            <th>{t('alarms.detail.code')}</th>
            <th>{t('alarms.detail.description')}</th>
            <th>{t('alarms.column.zone')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((event) => (
            <tr key={event.id} className={event.kind === 'restore' ? 'restore-event' : undefined}>
              <td
                title={t('alarms.detail.eventTime', {
                  time: formatDateTime(event.eventTime, language),
                })}
              >
                {formatDateTime(event.receivedAt, language)}
                {event.duplicates > 0 && <span className="faint"> ×{event.duplicates + 1}</span>}
              </td>
              <td className="mono">{event.code}</td>
              <td>
                {event.kind === 'restore' && (
                  <span className="badge restored">{t('alarms.restore')}</span>
                )}{' '}
                {event.description}
                {event.text && <div className="faint">{event.text}</div>}
              </td>
              <td className="mono">{event.zone ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Actions whose own name already says the state they lead to. */
const STATE_VERBS = new Set(['acknowledge', 'dispatch', 'close']);

/** Who did what to the alarm and when, oldest first, with their notes. */
export function AlarmActionHistory({ actions }: { actions: readonly AlarmAction[] }) {
  const t = useT();
  const language = useLanguage();
  const sorted = [...actions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  return (
    <section className="detail-section">
      <h3>{t('alarms.detail.history')}</h3>
      {sorted.length === 0 && <p className="faint">{t('alarms.detail.noActions')}</p>}
      <ol className="history">
        {sorted.map((action) => (
          <li key={action.id}>
            <span className="dim">{formatDateTime(action.at, language)}</span>{' '}
            <strong>{label(t, 'action', action.action)}</strong>{' '}
            {action.toState &&
              action.toState !== action.fromState &&
              !STATE_VERBS.has(action.action) && (
                <span className="dim">→ {label(t, 'alarmState', action.toState)} </span>
              )}
            <span className="dim">· {action.user || '—'}</span>
            {action.note && <div className="note">{action.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
