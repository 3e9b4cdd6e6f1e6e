import { isoTime } from '../../model/time.ts';

/**
 * Rows to API objects for alarms and events: ISO times, booleans, camelCase. One place, so the
 * HTTP routes and the WebSocket pushes send the same shapes.
 */
export interface AlarmRow {
  id: number;
  account: string;
  unit_id: string | null;
  unit_name?: string | null;
  zone_name?: string | null;
  place_name?: string | null;
  lat?: number | null;
  lon?: number | null;
  jurisdiction: string | null;
  zone: string | null;
  partition: string | null;
  category: string;
  priority: number;
  code: string;
  description: string;
  state: string;
  disposition: string | null;
  signals: number;
  created_at: number;
  updated_at: number;
  last_signal_at: number;
  taken_by: string | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  dispatched_at: number | null;
  dispatched_by: string | null;
  closed_at: number | null;
  closed_by: string | null;
  restored_at: number | null;
  first_event_id?: number | null;
}

export interface EventRow {
  id: number;
  account: string;
  known_account: number;
  unit_id: string | null;
  receiver: string | null;
  line: string | null;
  sequence: string;
  token: string;
  encrypted: number;
  code_system: string;
  code: string;
  sia_code: string | null;
  kind: string;
  category: string;
  description: string;
  known_code: number;
  zone: string | null;
  partition: string | null;
  user_no: string | null;
  text: string | null;
  xdata: string | null;
  event_time: number;
  received_at: number;
  duplicates: number;
  last_duplicate_at: number | null;
  transport: string;
  remote: string | null;
  quirks: string | null;
  alarm_id: number | null;
  raw?: string;
}


export function alarmView(row: AlarmRow) {
  const ackMs = row.acknowledged_at != null ? Number(row.acknowledged_at) - Number(row.created_at) : null;
  return {
    id: Number(row.id),
    account: row.account,
    unitId: row.unit_id,
    unitName: row.unit_name ?? null,
    jurisdiction: row.jurisdiction,
    zone: row.zone,
    zoneName: row.zone_name || null,
    placeName: row.place_name ?? null,
    partition: row.partition,
    category: row.category,
    priority: Number(row.priority),
    code: row.code,
    description: row.description,
    state: row.state,
    disposition: row.disposition,
    signals: Number(row.signals),
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    lastSignalAt: isoTime(row.last_signal_at),
    takenBy: row.taken_by,
    acknowledgedAt: isoTime(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    dispatchedAt: isoTime(row.dispatched_at),
    dispatchedBy: row.dispatched_by,
    closedAt: isoTime(row.closed_at),
    closedBy: row.closed_by,
    restoredAt: isoTime(row.restored_at),
    timeToAcknowledgeS: ackMs == null ? null : Math.round(ackMs / 100) / 10,
    unknownAccount: row.category === 'unknown-account',
    position: row.lat != null && row.lon != null ? { lat: Number(row.lat), lon: Number(row.lon) } : null,
  };
}

export type AlarmView = ReturnType<typeof alarmView>;

export function eventView(row: EventRow) {
  return {
    id: Number(row.id),
    account: row.account,
    knownAccount: Boolean(row.known_account),
    unitId: row.unit_id,
    receiver: row.receiver,
    line: row.line,
    sequence: row.sequence,
    token: row.token,
    encrypted: Boolean(row.encrypted),
    codeSystem: row.code_system,
    code: row.code,
    siaCode: row.sia_code,
    kind: row.kind,
    category: row.category,
    description: row.description,
    knownCode: Boolean(row.known_code),
    zone: row.zone,
    partition: row.partition,
    user: row.user_no,
    text: row.text,
    xdata: row.xdata ? (JSON.parse(row.xdata) as string[]) : [],
    eventTime: isoTime(row.event_time),
    receivedAt: isoTime(row.received_at),
    duplicates: Number(row.duplicates),
    lastDuplicateAt: isoTime(row.last_duplicate_at),
    transport: row.transport,
    remote: row.remote,
    quirks: row.quirks ? row.quirks.split(',') : [],
    alarmId: row.alarm_id == null ? null : Number(row.alarm_id),
    ...(row.raw !== undefined ? { raw: row.raw } : {}),
  };
}

export type EventView = ReturnType<typeof eventView>;

/**
 * SELECT of alarms joined with their unit and, through the account's zone list, the zone's name
 * and place (zones are stored without leading zeros, see account-directory.ts).
 */
export const ALARM_SELECT = `SELECT a.*, u.name AS unit_name, u.lat, u.lon, z.name AS zone_name,
  p.name AS place_name FROM alarms a
  LEFT JOIN units u ON u.id = a.unit_id
  LEFT JOIN zones z ON z.account = a.account AND z.zone = LTRIM(a.zone, '0')
  LEFT JOIN places p ON p.id = z.place_id`;
