import type { Priority } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { useT } from '../../i18n/i18n';
import { alarmStore, reloadAlarms } from '../../live/alarm-store';
import { useStore } from '../../live/store';
import { AcknowledgeStats } from './acknowledge-stats';
import { AlarmDetailPanel } from './alarm-detail';
import { AlarmTable } from './alarm-table';
import './alarms.css';

const PRIORITIES: readonly Priority[] = [1, 2, 3, 4, 5];

/** The operator's main screen: the live queue on the left, the selected alarm on the right. */
export function AlarmQueueScreen({ selectedId }: { selectedId: number | null }) {
  const t = useT();
  const error = useStore(alarmStore, (queue) => queue.error);

  return (
    <div className={`alarm-screen${selectedId === null ? '' : ' with-detail'}`}>
      <section className="alarm-queue">
        <div className="queue-head">
          <h2>{t('alarms.title')}</h2>
          <PriorityCounts />
        </div>
        {error && <ErrorNotice error={new Error(error)} onRetry={() => void reloadAlarms()} />}
        <div className="queue-scroll panel">
          <AlarmTable selectedId={selectedId} />
        </div>
        <AcknowledgeStats />
      </section>
      {selectedId !== null && <AlarmDetailPanel key={selectedId} id={selectedId} />}
    </div>
  );
}

/** How many alarms are open per priority, as coloured chips. */
function PriorityCounts() {
  const t = useT();
  const ordered = useStore(alarmStore, (queue) => queue.ordered);
  const counts = PRIORITIES.map(
    (priority) => ordered.filter((alarm) => alarm.priority === priority).length,
  );

  return (
    <div className="priority-counts" aria-label={t('alarms.countsLabel')}>
      <span className="dim">{t('alarms.openCount', { count: ordered.length })}</span>
      {PRIORITIES.map((priority, index) => (
        <span
          key={priority}
          className={`count-chip priority-${priority}${counts[index] ? '' : ' zero'}`}
          title={t(`priority.${priority}`)}
        >
          P{priority} <strong>{counts[index]}</strong>
        </span>
      ))}
    </div>
  );
}
