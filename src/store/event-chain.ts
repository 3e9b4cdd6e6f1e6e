/**
 * Reading an account's events through their chain (migration 003): `account_heads` holds an
 * account's newest event, each event its predecessor in `prev_id`. A walk reads only the rows
 * it returns, in both databases, without an index that every insert would have to update.
 */

/** Newest-first events of one account: `params` are [account or before-id..., limit]. */
export function accountEventsQuery(columns: string, options: { before?: boolean; where?: string } = {}) {
  const anchor = options.before
    ? '(SELECT prev_id FROM events WHERE id = ? AND account = ?)'
    : '(SELECT last_event_id FROM account_heads WHERE account = ?)';
  return `WITH RECURSIVE chain(id, n) AS (
      SELECT ${anchor}, 1
      UNION ALL
      SELECT e.prev_id, c.n + 1 FROM chain c JOIN events e ON e.id = c.id
      WHERE e.prev_id IS NOT NULL AND c.n < ?)
    SELECT ${columns} FROM chain c JOIN events e ON e.id = c.id
    ${options.where ? `WHERE ${options.where}` : ''} ORDER BY e.id DESC`;
}

/**
 * The events of one alarm, newest first: the walk goes back from the account's newest event
 * to the alarm's first one. Parameters: [account, first event id, alarm id, limit].
 */
export const ALARM_EVENTS_QUERY = `WITH RECURSIVE chain(id) AS (
    SELECT last_event_id FROM account_heads WHERE account = ?
    UNION ALL
    SELECT e.prev_id FROM chain c JOIN events e ON e.id = c.id WHERE e.prev_id >= ?)
  SELECT e.* FROM chain c JOIN events e ON e.id = c.id WHERE e.alarm_id = ?
  ORDER BY e.id DESC LIMIT ?`;
