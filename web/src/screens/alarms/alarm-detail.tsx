import { ErrorNotice } from '../../components/error-notice';
import { PriorityBadge } from '../../components/priority-badge';
import { formatDateTime } from '../../i18n/format';
import { label, useLanguage, useT } from '../../i18n/i18n';
import { navigate } from '../../router/router';
import { useCan, useMe } from '../../session/session-store';
import { AlarmActions } from './alarm-actions';
import { AlarmActionHistory, AlarmEvents } from './alarm-history';
import { categoryText, holderText, unitText } from './alarm-labels';
import { AlarmUnit } from './alarm-unit';
import { useAlarmDetail } from './use-alarm-detail';

/** The selected alarm: what happened, where, who holds it, what can be done, what was done. */
export function AlarmDetailPanel({ id }: { id: number }) {
  const t = useT();
  const me = useMe();
  const language = useLanguage();
  const canAct = useCan('alarms:act');
  const { detail, error, reload } = useAlarmDetail(id);

  if (!detail) {
    return (
      <aside className="alarm-detail panel" data-testid="alarm-detail" aria-busy={!error}>
        {error ? (
          <ErrorNotice error={error} onRetry={reload} />
        ) : (
          <p className="faint">{t('common.loading')}</p>
        )}
      </aside>
    );
  }

  const holder = holderText(detail, me.user, t);
  return (
    <aside className={`alarm-detail panel priority-${detail.priority}`} data-testid="alarm-detail">
      <header className="detail-head">
        <PriorityBadge priority={detail.priority} />
        <div className="detail-title">
          <h2>
            {categoryText(detail, t)} <span className="mono dim">{detail.code}</span>
          </h2>
          <div className="dim">{detail.description}</div>
        </div>
        <button
          type="button"
          className="close-detail"
          aria-label={t('common.close')}
          onClick={() => navigate('/alarms')}
        >
          ×
        </button>
      </header>
      <dl className="definition">
        <dt>{t('alarms.column.state')}</dt>
        <dd>
          <span
            className={`badge state-${detail.state}`}
            data-testid="alarm-state"
            data-state={detail.state}
          >
            {label(t, 'alarmState', detail.state)}
          </span>
          {detail.disposition && (
            <span className="dim"> · {label(t, 'disposition', detail.disposition)}</span>
          )}
          {detail.restoredAt && <span className="badge restored">{t('alarms.restored')}</span>}
        </dd>
        <dt>{t('alarms.column.unit')}</dt>
        <dd>{unitText(detail, t)}</dd>
        <dt>{t('alarms.detail.zonePartition')}</dt>
        <dd>
          <span className="mono">
            {detail.zone ?? '—'} / {detail.partition ?? '—'}
          </span>
          {(detail.zoneName || detail.placeName) && (
            <span data-testid="alarm-zone-name">
              {' '}· {[detail.zoneName, detail.placeName].filter(Boolean).join(', ')}
            </span>
          )}
        </dd>
        <dt>{t('alarms.detail.opened')}</dt>
        <dd>{formatDateTime(detail.createdAt, language)}</dd>
        <dt>{t('alarms.detail.lastSignal')}</dt>
        <dd>
          {formatDateTime(detail.lastSignalAt, language)}{' '}
          <span className="dim">({t('alarms.signalCount', { count: detail.signals })})</span>
        </dd>
        <dt>{t('alarms.column.holder')}</dt>
        <dd>{holder || <span className="faint">{t('alarms.detail.nobody')}</span>}</dd>
      </dl>
      {canAct && <AlarmActions alarm={detail} onDone={reload} />}
      <AlarmEvents events={detail.events ?? []} />
      <AlarmActionHistory actions={detail.actions ?? []} />
      <AlarmUnit alarm={detail} unit={detail.unit} />
    </aside>
  );
}
