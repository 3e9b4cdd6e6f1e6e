/**
 * The registry's fixed vocabularies, in the regulation's own terms: security products (Art. 3
 * para. 2), technical prevention systems (Art. 3 para. 3, Art. 8), their life-cycle states,
 * vehicles (Art. 8 para. 2) and what compliance can require.
 */

/** Security product categories of the national catalogue (Art. 3 para. 2). */
export const PRODUCT_CATEGORIES = [
  'intrusion-detector',
  'alarm-access-control-device',
  'anti-theft-alarm-controller',
  'mechanical-anti-theft-lock',
  'vehicle-anti-theft-alarm',
  'anti-theft-safe',
  'anti-theft-security-door',
  'building-intercom',
] as const;

/** One product category. */
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** Kinds of technical prevention system a unit or vehicle can have (Art. 3, 7, 8). */
export const SYSTEM_KINDS = [
  'video',
  'intrusion-alarm',
  'access-control',
  'explosion-proof-inspection',
  'building-intercom',
  'anti-theft-door',
  'vehicle-tracking',
] as const;

/** One system kind. */
export type SystemKind = (typeof SYSTEM_KINDS)[number];

/** A system's life cycle as the police record it. */
export const SYSTEM_STATES = [
  'planned',
  'built',
  'accepted',
  'in-service',
  'out-of-service',
] as const;

/** One system state. */
export type SystemState = (typeof SYSTEM_STATES)[number];

/** States only the police may record (permission registry:accept): acceptance is their act. */
export const POLICE_STATES: ReadonlySet<SystemState> = new Set(['accepted', 'in-service']);

/** States in which a system counts towards an obligation. */
export const COUNTING_STATES: ReadonlySet<string> = new Set(['accepted', 'in-service']);

/** Vehicles with a tracking duty (Art. 8 para. 2) and the rest. */
export const VEHICLE_KINDS = ['cash-escort', 'dangerous-goods', 'other'] as const;

/** One vehicle kind. */
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

/** A unit's places (sites) and parts (areas within a site), Art. 7 "units, places or parts". */
export const PLACE_KINDS = ['place', 'part'] as const;

/**
 * What an obligation can require: a system kind, or `video-networked`, the Art. 9 para. 2 duty
 * to connect a video system to the platform. Listed in the order obligations are reported.
 */
export const REQUIREMENTS = [
  'video',
  'video-networked',
  'intrusion-alarm',
  'access-control',
  'explosion-proof-inspection',
  'building-intercom',
  'anti-theft-door',
  'vehicle-tracking',
] as const;

/** One requirement. */
export type Requirement = (typeof REQUIREMENTS)[number];

/** True when `value` is one of `list` (narrows the type). */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
