import type { Alarm, User } from '../api/types';
import { applyAlarm, reloadAlarms } from './alarm-store';
import { connectionStore } from './connection-store';
import { registryChanged } from './registry-store';

/** What the server pushes on /api/v1/ws (docs/api.md, "Live updates"). */
export type Envelope =
  | { type: 'hello'; user: User }
  | { type: 'alarm'; alarm: Alarm; created: boolean }
  | { type: 'event'; event: unknown }
  | { type: 'registry'; kind: string; id: string }
  | { type: 'pong' };

/** Which stores this user feeds: a user without alarms:read gets no alarm list. */
export interface LiveScope {
  alarms: boolean;
}

/** Hands one envelope to the store that owns its topic. */
export function dispatchEnvelope(envelope: Envelope, scope: LiveScope): void {
  switch (envelope.type) {
    case 'hello':
      connectionStore.set({ status: 'live', retryAt: null });
      if (scope.alarms) void reloadAlarms();
      return;
    case 'alarm':
      if (scope.alarms) applyAlarm(envelope.alarm, envelope.created);
      return;
    case 'registry':
      registryChanged();
      return;
    default:
      return;
  }
}

/** Reads an envelope from a frame; null for anything that is not one. */
export function parseEnvelope(data: unknown): Envelope | null {
  if (typeof data !== 'string') return null;

  try {
    const value = JSON.parse(data) as { type?: unknown };
    return value && typeof value.type === 'string' ? (value as Envelope) : null;
  } catch {
    return null;
  }
}
