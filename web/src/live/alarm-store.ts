import { api } from '../api/http-client';
import type { Alarm, List } from '../api/types';
import { createStore } from './store';

/** The open alarms (state other than closed), kept current by the live connection. */
export interface AlarmQueue {
  byId: ReadonlyMap<number, Alarm>;
  /** Open alarms by priority (1 first), then oldest first. */
  ordered: readonly Alarm[];
  /** Alarms that arrived in the last seconds with priority 1 or 2: their rows flash. */
  flashing: ReadonlySet<number>;
  loaded: boolean;
  error: string | null;
}

const EMPTY: AlarmQueue = {
  byId: new Map(),
  ordered: [],
  flashing: new Set(),
  loaded: false,
  error: null,
};

export const alarmStore = createStore<AlarmQueue>(EMPTY);

/** Forgets every alarm: on sign-out, so the next user never sees the last one's queue. */
export function resetAlarms(): void {
  alarmStore.set(EMPTY);
}

const FLASH_MS = 4000;
const QUEUE_LIMIT = 500;

/** Alarms that arrived live while a reload was in flight; they win over its older snapshot. */
let arrivedDuringReload: Map<number, Alarm> | null = null;

/** Loads the open queue: at start and after every reconnect, to cover what was missed. */
export async function reloadAlarms(): Promise<void> {
  const arrived = new Map<number, Alarm>();
  arrivedDuringReload = arrived;
  try {
    const { items } = await api<List<Alarm>>(`/alarms?state=open&limit=${QUEUE_LIMIT}`);
    const byId = new Map(items.filter(isOpen).map((alarm) => [alarm.id, alarm]));
    for (const alarm of arrived.values()) {
      const listed = byId.get(alarm.id);
      if (listed && Date.parse(listed.updatedAt) > Date.parse(alarm.updatedAt)) continue;

      if (isOpen(alarm)) byId.set(alarm.id, alarm);
      else byId.delete(alarm.id);
    }
    alarmStore.set((queue) => ({
      ...queue,
      byId,
      ordered: order(byId),
      loaded: true,
      error: null,
    }));
  } catch (error) {
    alarmStore.set((queue) => ({ ...queue, error: (error as Error).message }));
  } finally {
    if (arrivedDuringReload === arrived) arrivedDuringReload = null;
  }
}

/** Applies one alarm from a live envelope or an action's answer. */
export function applyAlarm(alarm: Alarm, created = false): void {
  arrivedDuringReload?.set(alarm.id, alarm);
  const current = alarmStore.get().byId.get(alarm.id);
  // Envelopes can overtake an action's answer: never go back to an older version.
  if (current && Date.parse(current.updatedAt) > Date.parse(alarm.updatedAt)) return;

  const byId = new Map(alarmStore.get().byId);
  if (isOpen(alarm)) byId.set(alarm.id, alarm);
  else byId.delete(alarm.id);

  const flash = created && alarm.priority <= 2 && isOpen(alarm);
  alarmStore.set((queue) => ({
    ...queue,
    byId,
    ordered: order(byId),
    flashing: flash ? new Set([...queue.flashing, alarm.id]) : queue.flashing,
  }));
  if (flash) setTimeout(() => stopFlash(alarm.id), FLASH_MS);
}

function stopFlash(id: number): void {
  alarmStore.set((queue) => {
    const flashing = new Set(queue.flashing);
    flashing.delete(id);
    return { ...queue, flashing };
  });
}

const isOpen = (alarm: Alarm) => alarm.state !== 'closed';

/** Queue order, the same as the server's: priority, then age, then id. */
export function compareAlarms(a: Alarm, b: Alarm): number {
  return (
    a.priority - b.priority || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id
  );
}

function order(byId: ReadonlyMap<number, Alarm>): Alarm[] {
  return [...byId.values()].sort(compareAlarms);
}
