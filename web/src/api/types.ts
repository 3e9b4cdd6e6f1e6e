/**
 * The shapes the console reads from the API, as docs/api.md describes them. Fields the console
 * does not use are left out; optional fields are ones the contract does not pin down.
 */

export type Role =
  | 'city-admin'
  | 'city-officer'
  | 'district-officer'
  | 'operator'
  | 'department-viewer'
  | 'unit-manager';

export type Permission =
  | 'jurisdictions:read'
  | 'registry:read'
  | 'registry:write'
  | 'registry:accept'
  | 'designation:create'
  | 'designation:approve'
  | 'compliance:read'
  | 'rules:write'
  | 'accounts:manage'
  | 'alarms:read'
  | 'alarms:act'
  | 'alarms:override'
  | 'events:read'
  | 'receiver:read'
  | 'users:manage'
  | 'audit:read';

export interface User {
  id: string;
  username: string;
  role: Role;
  jurisdiction: string | null;
  unitId: string | null;
  displayName: string;
}

export interface Me {
  user: User;
  permissions: Permission[];
}

export type AlarmState = 'new' | 'acknowledged' | 'dispatched' | 'closed';
export type Disposition = 'real' | 'false' | 'test' | 'technical';
export type Priority = 1 | 2 | 3 | 4 | 5;

export interface Alarm {
  id: number;
  account: string;
  unitId: string | null;
  unitName: string | null;
  jurisdiction: string | null;
  zone: string | null;
  /** The zone's name and the place it guards, when the account's zones are named. */
  zoneName?: string | null;
  placeName?: string | null;
  partition: string | null;
  category: string;
  priority: Priority;
  code: string;
  description: string;
  state: AlarmState;
  disposition: Disposition | null;
  signals: number;
  createdAt: string;
  updatedAt: string;
  lastSignalAt: string;
  takenBy: string | null;
  /** Display name of the holder, when the server adds it; `takenBy` otherwise. */
  takenByName?: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  dispatchedAt: string | null;
  dispatchedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  restoredAt: string | null;
  unknownAccount: boolean;
  position?: { lat: number; lon: number } | null;
}

/** A received message event (a signal or a restore of an alarm). */
export interface AlarmEvent {
  id: number;
  account: string;
  code: string;
  kind: string;
  category: string;
  description: string;
  zone: string | null;
  partition: string | null;
  user: string | null;
  text: string | null;
  eventTime: string;
  receivedAt: string;
  duplicates: number;
  transport: string;
}

/** One line of an alarm's history. */
export interface AlarmAction {
  id: number;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  /** Username of whoever acted. */
  user?: string;
  at: string;
  note?: string;
}

export interface Contact {
  name: string;
  phone: string;
  role: string;
}

export interface UnitSummary {
  id: string;
  name: string;
  category?: string;
  address?: string;
  jurisdiction?: string;
  jurisdictionName?: string;
  contacts?: Contact[];
}

export interface AlarmDetail extends Alarm {
  events: AlarmEvent[];
  actions: AlarmAction[];
  unit: UnitSummary | null;
}

export interface AcknowledgeStat {
  priority: Priority;
  count: number;
  medianS: number | null;
  p90S: number | null;
}

export interface Jurisdiction {
  code: string;
  name: string;
  parent: string | null;
  level: 'city' | 'district' | 'county' | 'street' | 'station';
}

export interface Unit {
  id: string;
  name: string;
  category: string;
  categoryLabel?: string;
  jurisdiction: string;
  jurisdictionName?: string;
  address: string;
  lat: number | null;
  lon: number | null;
  contacts: Contact[];
  createdAt: string;
  updatedAt: string;
}

export interface Place {
  id: string;
  name: string;
  kind?: string;
  description?: string;
}

export type SystemKind =
  | 'video'
  | 'intrusion-alarm'
  | 'access-control'
  | 'explosion-proof-inspection'
  | 'building-intercom'
  | 'anti-theft-door'
  | 'vehicle-tracking';

export type SystemState = 'planned' | 'built' | 'accepted' | 'in-service' | 'out-of-service';

export interface SecuritySystem {
  id: string;
  unitId: string;
  kind: SystemKind;
  state: SystemState;
  networked: boolean;
  placeId: string | null;
  updatedAt: string;
}

export interface Account {
  account: string;
  name?: string;
  lastSeenAt?: string | null;
  commLost?: boolean;
}

export type ObligationStatus = 'met' | 'missing' | 'partial';

export interface Obligation {
  requirement: string;
  status: ObligationStatus;
  reason: string;
}

export interface UnitDetail extends Unit {
  places: Place[];
  systems: SecuritySystem[];
  accounts: Account[];
  obligations: Obligation[];
}

export interface UnitCompliance {
  unit: Unit;
  obligations: Obligation[];
  /** The unit's overall status, when the server states it; derived from obligations otherwise. */
  status?: ObligationStatus;
}

export type RequirementCounts = Record<ObligationStatus, number>;

export interface ComplianceTotals {
  units: number;
  compliant: number;
  partial: number;
  missing: number;
  /** Units no rule applies to; `units` counts them too. */
  noObligation?: number;
  obligations: Record<string, RequirementCounts>;
}

export interface DistrictCompliance extends ComplianceTotals {
  jurisdiction: string;
  name: string;
}

export interface ComplianceSummary {
  ruleVersion: string;
  city: ComplianceTotals;
  items: DistrictCompliance[];
}

export interface Health {
  status: string;
  basemap?: { tileUrl?: string; geojson?: string; attribution?: string };
}

export interface List<T> {
  items: T[];
  total?: number;
}
