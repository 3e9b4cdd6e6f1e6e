import type { Services } from '../services.ts';
import type { SqlDriver } from '../../store/driver.ts';
import { ALARM_EVENTS_QUERY } from '../../store/event-chain.ts';
import { SYSTEM, type Principal } from '../access/principal.ts';
import { invalid, notFound, VigilError } from '../errors.ts';
import { communicationLostKey, PRIORITY } from './alarm-plan.ts';
import { ALARM_SELECT, alarmView, eventView, type AlarmRow, type EventRow } from './alarm-views.ts';
import { acknowledgeStats } from './acknowledge-stats.ts';
import { isoTime } from '../../model/time.ts';

/** The operator actions and the state each needs and leads to. */
const TRANSITIONS = {
  acknowledge: { from: ['new'], to: 'acknowledged', stamp: 'acknowledged' },
  dispatch: { from: ['acknowledged'], to: 'dispatched', stamp: 'dispatched' },
  close: { from: ['acknowledged', 'dispatched'], to: 'closed', stamp: 'closed' },
} as const;

export type AlarmAction = keyof typeof TRANSITIONS | 'take' | 'release' | 'note' | 'take-over';

export const DISPOSITIONS = ['real', 'false', 'test', 'technical'] as const;

const STATE_FILTERS: Record<string, string> = {
  open: "a.state <> 'closed'",
  new: "a.state = 'new'",
  acknowledged: "a.state = 'acknowledged'",
  dispatched: "a.state = 'dispatched'",
  closed: "a.state = 'closed'",
  all: '1 = 1',
};

/**
 * The alarm centre: the queue, the operator actions and their history. Every action is a
 * conditional UPDATE (so two operators racing for one alarm cannot both win), an
 * alarm_actions row and an audit entry, in one transaction.
 */
export class AlarmCentre {
  private readonly driver: SqlDriver;

  constructor(private readonly services: Services) {
    this.driver = services.store.driver;
  }

  /** The queue: priority first, then age. */
  async list(user: Principal, options: { state?: string; limit?: number; before?: number } = {}) {
    const stateSql = STATE_FILTERS[options.state ?? 'open'];
    if (!stateSql) throw invalid(`state: one of ${Object.keys(STATE_FILTERS).join(', ')}`, { field: 'state' });
    const scope = this.services.access.filter(user, 'a.jurisdiction', 'a.unit_id');
    const closed = options.state === 'closed' || options.state === 'all';
    const order = closed ? 'a.id DESC' : 'a.priority, a.created_at, a.id';
    const rows = await this.driver.all<AlarmRow>(
      `${ALARM_SELECT} WHERE ${stateSql} AND ${scope.sql} ${options.before ? 'AND a.id < ?' : ''}
       ORDER BY ${order} LIMIT ?`,
      [...scope.params, ...(options.before ? [options.before] : []), clampLimit(options.limit)],
    );
    return rows.map(alarmView);
  }

  /** One alarm with its events, its history and its unit. */
  async get(user: Principal, id: number) {
    const row = await this.visibleRow(user, id);
    const events = row.first_event_id
      ? await this.driver.all<EventRow>(ALARM_EVENTS_QUERY, [row.account, row.first_event_id, id, 200])
      : [];
    const actions = await this.driver.all<Record<string, unknown>>(
      'SELECT * FROM alarm_actions WHERE alarm_id = ? ORDER BY id',
      [id],
    );
    const unit = row.unit_id
      ? await this.driver.get<Record<string, unknown>>(
          'SELECT id, name, category, jurisdiction, address, lat, lon, contacts FROM units WHERE id = ?',
          [row.unit_id],
        )
      : undefined;
    return {
      ...alarmView(row),
      events: events.map(eventView),
      actions: actions.map((a) => ({
        id: Number(a.id),
        action: a.action,
        fromState: a.from_state,
        toState: a.to_state,
        user: a.user_id,
        at: isoTime(a.at as number),
        note: a.note,
      })),
      unit: unit ? { ...unit, contacts: JSON.parse(String(unit.contacts ?? '[]')) } : null,
    };
  }

  /** Runs an operator action; throws ALARM_TAKEN / INVALID_TRANSITION when it cannot happen. */
  async act(
    user: Principal,
    id: number,
    requested: AlarmAction,
    input: { note?: string; disposition?: string; force?: boolean } = {},
  ) {
    const action: AlarmAction = requested === 'take' && input.force ? 'take-over' : requested;
    if (action === 'take-over' && !this.services.access.can(user, 'alarms:override')) {
      throw new VigilError('FORBIDDEN', `role ${user.role} may not take over an alarm another operator holds`);
    }
    const note = (input.note ?? '').slice(0, 2000);
    if (action === 'close' && !DISPOSITIONS.includes(input.disposition as never)) {
      throw invalid(`disposition: one of ${DISPOSITIONS.join(', ')}`, { field: 'disposition' });
    }
    if (action === 'note' && !note.trim()) throw invalid('note: required', { field: 'note' });
    const before = await this.visibleRow(user, id);

    await this.driver.transaction(async (tx) => {
      const changed = await this.apply(tx, user, before, action, input.disposition);
      if (!changed) await this.explainRefusal(tx, user, id, action);
      const after = await tx.get<AlarmRow>('SELECT * FROM alarms WHERE id = ?', [id]);
      await tx.run(
        `INSERT INTO alarm_actions (alarm_id, action, from_state, to_state, user_id, at, note)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [id, action, before.state, after!.state, user.username, Date.now(), note],
      );
      await this.services.audit.append(user, {
        action: `alarm.${action}`,
        targetType: 'alarm',
        targetId: String(id),
        detail: {
          from: before.state, to: after!.state, disposition: input.disposition, note: note || undefined,
          ...(action === 'take-over' ? { heldBy: before.taken_by } : {}),
        },
      }, tx);
    });
    this.services.bus.publish('alarm.changed', { id, created: false });
    return this.get(user, id);
  }

  /**
   * Gives back to the queue every open alarm a user holds, once that user has no session left
   * (signed out, or the session expired: see releaseAbandoned): an alarm must never stay locked
   * by someone who has gone.
   */
  async releaseHeldBy(username: string): Promise<void> {
    if (await this.services.auth.hasSession(username)) return;
    const held = await this.driver.all<{ id: number; state: string }>(
      "SELECT id, state FROM alarms WHERE taken_by = ? AND state <> 'closed'",
      [username],
    );
    for (const alarm of held) {
      await this.driver.transaction(async (tx) => {
        const released = await tx.run('UPDATE alarms SET taken_by = NULL, updated_at = ? WHERE id = ? AND taken_by = ?', [
          Date.now(), alarm.id, username,
        ]);
        if (released === 0) return;
        await tx.run(
          `INSERT INTO alarm_actions (alarm_id, action, from_state, to_state, user_id, at, note)
           VALUES (?, 'release', ?, ?, 'system', ?, ?)`,
          [alarm.id, alarm.state, alarm.state, Date.now(), `${username} has no session`],
        );
        await this.services.audit.append(SYSTEM, {
          action: 'alarm.release', targetType: 'alarm', targetId: String(alarm.id), detail: { heldBy: username, why: 'no session' },
        }, tx);
      });
      this.services.bus.publish('alarm.changed', { id: Number(alarm.id), created: false });
    }
  }

  /** Releases the alarms of every holder whose sessions have all ended (expired, not signed out). */
  async releaseAbandoned(): Promise<void> {
    const holders = await this.driver.all<{ taken_by: string }>(
      "SELECT DISTINCT taken_by FROM alarms WHERE state <> 'closed' AND taken_by IS NOT NULL",
    );
    for (const { taken_by } of holders) await this.releaseHeldBy(taken_by);
  }

  /** Time to acknowledge per priority over the last `days`. */
  async acknowledgeStats(user: Principal, days = 30) {
    const scope = this.services.access.filter(user, 'a.jurisdiction', 'a.unit_id');
    const rows = await this.driver.all<{ priority: number; created_at: number; acknowledged_at: number }>(
      `SELECT a.priority, a.created_at, a.acknowledged_at FROM alarms a
       WHERE a.acknowledged_at IS NOT NULL AND a.created_at >= ? AND ${scope.sql}`,
      [Date.now() - days * 86400_000, ...scope.params],
    );
    return acknowledgeStats(rows);
  }

  /** Views of alarms by id, unscoped (the WebSocket hub filters per client). */
  async views(ids: number[]) {
    if (ids.length === 0) return [];
    const rows = await this.driver.all<AlarmRow>(
      `${ALARM_SELECT} WHERE a.id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    return rows.map(alarmView);
  }

  /**
   * Opens the communication-lost alarm of an account; if one is open but was restored (the
   * account spoke, then fell silent again before anyone closed it), it becomes active again.
   */
  async raiseCommunicationLost(account: string, facts: { unitId: string | null; jurisdiction: string | null }, silentS: number) {
    const now = Date.now();
    const key = communicationLostKey(account);
    const description = `Communication lost: no message for ${silentS} s`;
    const changed = await this.driver.transaction(async (tx) => {
      const open = await tx.get<{ id: number; restored_at: number | null }>(
        'SELECT id, restored_at FROM alarms WHERE open_key = ?',
        [key],
      );
      await tx.run('UPDATE accounts SET comm_lost = 1 WHERE account = ?', [account]);
      if (open && open.restored_at == null) return undefined;
      if (open) {
        await tx.run(
          `UPDATE alarms SET restored_at = NULL, restore_event_id = NULL, signals = signals + 1,
           last_signal_at = ?, updated_at = ?, description = ? WHERE id = ?`,
          [now, now, description, open.id],
        );
        return { id: Number(open.id), created: false };
      }
      const row = await tx.get<{ id: number }>(
        `INSERT INTO alarms (open_key, account, unit_id, jurisdiction, category, priority, code,
         description, state, signals, created_at, updated_at, last_signal_at)
         VALUES (?, ?, ?, ?, 'communication-lost', ?, 'COMM', ?, 'new', 1, ?, ?, ?) RETURNING id`,
        [key, account, facts.unitId, facts.jurisdiction, PRIORITY.communicationLost, description, now, now, now],
      );
      return { id: Number(row!.id), created: true };
    });
    if (changed) this.services.bus.publish('alarm.changed', changed);
    return changed?.id;
  }

  /** Marks the communication-lost alarm of an account restored (the account spoke again). */
  async restoreCommunication(account: string): Promise<void> {
    const now = Date.now();
    const row = await this.driver.transaction(async (tx) => {
      await tx.run('UPDATE accounts SET comm_lost = 0 WHERE account = ?', [account]);
      return tx.get<{ id: number }>(
        'UPDATE alarms SET restored_at = ?, updated_at = ? WHERE open_key = ? AND restored_at IS NULL RETURNING id',
        [now, now, communicationLostKey(account)],
      );
    });
    if (row) this.services.bus.publish('alarm.changed', { id: Number(row.id), created: false });
  }

  private async apply(tx: SqlDriver, user: Principal, before: AlarmRow, action: AlarmAction, disposition?: string) {
    const now = Date.now();
    const mine = '(taken_by IS NULL OR taken_by = ?)';
    switch (action) {
      case 'take':
        return (await tx.run(`UPDATE alarms SET taken_by = ?, updated_at = ? WHERE id = ? AND state <> 'closed' AND ${mine}`,
          [user.username, now, before.id, user.username])) > 0;
      case 'take-over':
        return (await tx.run(`UPDATE alarms SET taken_by = ?, updated_at = ? WHERE id = ? AND state <> 'closed'`,
          [user.username, now, before.id])) > 0;
      case 'release':
        return (await tx.run(`UPDATE alarms SET taken_by = NULL, updated_at = ? WHERE id = ? AND taken_by = ?`,
          [now, before.id, user.username])) > 0;
      case 'note':
        // Like every action, a note is for the operator who holds the alarm (or a free one).
        return (await tx.get(`SELECT id FROM alarms WHERE id = ? AND ${mine}`, [before.id, user.username])) !== undefined;
      default: {
        const t = TRANSITIONS[action];
        const states = t.from.map((s) => `'${s}'`).join(',');
        const closing = action === 'close' ? ', open_key = NULL, disposition = ?' : '';
        return (await tx.run(
          `UPDATE alarms SET state = ?, taken_by = COALESCE(taken_by, ?), ${t.stamp}_at = ?,
           ${t.stamp}_by = ?, updated_at = ?${closing} WHERE id = ? AND state IN (${states}) AND ${mine}`,
          [t.to, user.username, now, user.username, now, ...(action === 'close' ? [disposition] : []), before.id, user.username],
        )) > 0;
      }
    }
  }

  private async explainRefusal(tx: SqlDriver, user: Principal, id: number, action: AlarmAction): Promise<never> {
    const now = await tx.get<AlarmRow>('SELECT * FROM alarms WHERE id = ?', [id]);
    if (now!.taken_by && now!.taken_by !== user.username) {
      throw new VigilError('ALARM_TAKEN', `alarm ${id} is being handled by ${now!.taken_by}`, { takenBy: now!.taken_by });
    }
    throw new VigilError('INVALID_TRANSITION', `cannot ${action} an alarm that is ${now!.state}`, { state: now!.state });
  }

  private async visibleRow(user: Principal, id: number): Promise<AlarmRow> {
    const row = await this.driver.get<AlarmRow>(`${ALARM_SELECT} WHERE a.id = ?`, [id]);
    if (!row) throw notFound('alarm', String(id));
    if (!this.services.access.sees(user, { jurisdiction: row.jurisdiction, unitId: row.unit_id })) {
      throw new VigilError('OUT_OF_SCOPE', `alarm ${id} is outside your jurisdiction`);
    }
    return row;
  }
}

function clampLimit(limit?: number): number {
  return Math.max(1, Math.min(Number(limit) || 200, 1000));
}
