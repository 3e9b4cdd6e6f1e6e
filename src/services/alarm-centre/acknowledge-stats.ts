/** One acknowledged alarm, for the statistics. */
export interface AcknowledgedAlarm {
  priority: number;
  created_at: number;
  acknowledged_at: number;
}

/** Median and 90th percentile time to acknowledge, per priority. */
export interface AcknowledgeStat {
  priority: number;
  count: number;
  medianS: number;
  p90S: number;
}

/** The p-quantile (0..1) of sorted values, by the nearest-rank method. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** Groups alarms by priority and reports how long acknowledging took, in seconds. */
export function acknowledgeStats(rows: readonly AcknowledgedAlarm[]): AcknowledgeStat[] {
  const byPriority = new Map<number, number[]>();
  for (const row of rows) {
    const seconds = (Number(row.acknowledged_at) - Number(row.created_at)) / 1000;
    const list = byPriority.get(Number(row.priority)) ?? [];
    list.push(seconds);
    byPriority.set(Number(row.priority), list);
  }
  return [...byPriority.entries()]
    .sort(([a], [b]) => a - b)
    .map(([priority, list]) => {
      const sorted = list.sort((a, b) => a - b);
      const round = (s: number) => Math.round(s * 10) / 10;
      return { priority, count: sorted.length, medianS: round(quantile(sorted, 0.5)), p90S: round(quantile(sorted, 0.9)) };
    });
}
