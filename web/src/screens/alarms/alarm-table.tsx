import { memo, type KeyboardEvent } from 'react';

import type { Alarm, User } from '../../api/types';
import { PriorityBadge } from '../../components/priority-badge';
import { formatAge, formatTime } from '../../i18n/format';
import { label, useLanguage, useT } from '../../i18n/i18n';
import { alarmStore } from '../../live/alarm-store';
import { useNow } from '../../live/clock';
import { useStore } from '../../live/store';
import { navigate } from '../../router/router';
import { useMe } from '../../session/session-store';
import { categoryText, holderText, unitText } from './alarm-labels';

/** The open-alarm queue: one row per alarm, by priority then age, updated live. */
export function AlarmTable({ selectedId }: { selectedId: number | null }) {
  const t = useT();
  const me = useMe();
  const alarms = useStore(alarmStore, (queue) => queue.ordered);
  const loaded = useStore(alarmStore, (queue) => queue.loaded);

  return (
    <table className="grid alarm-table">
      <thead>
        <tr>
          <th>{t('alarms.column.priority')}</th>
          <th>{t('alarms.column.time')}</th>
          <th>{t('alarms.column.event')}</th>
          <th>{t('alarms.column.unit')}</th>
          <th>{t('alarms.column.zone')}</th>
          <th>{t('alarms.column.state')}</th>
          <th className="number">{t('alarms.column.signals')}</th>
          <th>{t('alarms.column.restored')}</th>
          <th>{t('alarms.column.holder')}</th>
        </tr>
      </thead>
      <tbody>
        {alarms.map((alarm) => (
          <AlarmRow
            key={alarm.id}
            alarm={alarm}
            user={me.user}
            selected={alarm.id === selectedId}
          />
        ))}
        {loaded && alarms.length === 0 && (
          <tr>
            <td colSpan={9} className="empty">
              {t('alarms.empty')}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

interface AlarmRowProps {
  alarm: Alarm;
  user: User;
  selected: boolean;
}

const AlarmRow = memo(function AlarmRow({ alarm, user, selected }: AlarmRowProps) {
  const t = useT();
  const language = useLanguage();
  const flashing = useStore(alarmStore, (queue) => queue.flashing.has(alarm.id));
  const open = () => navigate(`/alarms/${alarm.id}`);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open();
    }
  };

  const classes = [
    'clickable',
    `priority-${alarm.priority}`,
    selected && 'selected',
    flashing && 'flash',
  ];
  return (
    <tr
      className={classes.filter(Boolean).join(' ')}
      data-testid="alarm-row"
      data-alarm-id={alarm.id}
      data-account={alarm.account}
      data-state={alarm.state}
      data-priority={alarm.priority}
      tabIndex={0}
      aria-selected={selected}
      onClick={open}
      onKeyDown={onKey}
    >
      <td className="priority-cell">
        <PriorityBadge priority={alarm.priority} />
      </td>
      <td className="time-cell">
        <div>{formatTime(alarm.createdAt, language)}</div>
        <Age since={alarm.createdAt} />
      </td>
      <td>
        <div className="event-title">{categoryText(alarm, t)}</div>
        <div className="dim">
          {alarm.description} <span className="mono">({alarm.code})</span>
        </div>
      </td>
      <td className={alarm.unknownAccount ? 'unknown-account' : undefined}>{unitText(alarm, t)}</td>
      <td className="mono">{alarm.zone ?? '—'}</td>
      <td>
        <span className={`badge state-${alarm.state}`}>{label(t, 'alarmState', alarm.state)}</span>
      </td>
      <td className="number">{alarm.signals}</td>
      <td>{alarm.restoredAt && <span className="badge restored">{t('alarms.restored')}</span>}</td>
      <td>{holderText(alarm, user, t)}</td>
    </tr>
  );
});

/** Time since the alarm opened, ticking once a second. */
function Age({ since }: { since: string }) {
  const t = useT();
  const now = useNow();
  return <div className="faint age">{formatAge(since, now, t)}</div>;
}
