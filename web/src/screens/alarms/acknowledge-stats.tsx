import { useEffect } from 'react';

import type { AcknowledgeStat, List } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { PriorityBadge } from '../../components/priority-badge';
import { formatDuration } from '../../i18n/format';
import { useT } from '../../i18n/i18n';

const REFRESH_MS = 60_000;

/** Time from an alarm's opening to its acknowledgement: median and 90th percentile per priority. */
export function AcknowledgeStats() {
  const t = useT();
  const { data, reload } = useRequest<List<AcknowledgeStat>>('/alarms/stats/acknowledge');

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const items = [...(data?.items ?? [])].sort((a, b) => a.priority - b.priority);
  return (
    <section className="ack-stats panel" aria-labelledby="ack-stats-title">
      <h3 id="ack-stats-title">{t('alarms.stats.title')}</h3>
      {items.length === 0 ? (
        <p className="faint">{t('alarms.stats.none')}</p>
      ) : (
        <table className="grid compact">
          <thead>
            <tr>
              <th>{t('alarms.column.priority')}</th>
              <th className="number">{t('alarms.stats.count')}</th>
              <th className="number">{t('alarms.stats.median')}</th>
              <th className="number">{t('alarms.stats.p90')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.priority}>
                <td>
                  <PriorityBadge priority={item.priority} />
                </td>
                <td className="number">{item.count}</td>
                <td className="number">{formatDuration(item.medianS, t)}</td>
                <td className="number">{formatDuration(item.p90S, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
