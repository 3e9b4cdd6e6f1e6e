/**
 * The one event model every alarm payload is normalised to, whatever carried it
 * (SIA DC-03 codes in "SIA-DCS", Contact ID in "ADM-CID", link tests in "NULL").
 */

/** What an event means for the alarm centre. */
export type EventKind =
  | 'alarm' // an alarm condition (goes to the queue)
  | 'restore' // the alarm condition has cleared
  | 'trouble' // a fault (goes to the queue at trouble priority)
  | 'trouble-restore'
  | 'open' // disarm / opening
  | 'close' // arm / closing
  | 'bypass'
  | 'unbypass'
  | 'test' // manual or periodic test report
  | 'link-test' // DC-09 NULL supervision message
  | 'status' // informational (programming, log, access granted, ...)
  | 'unknown'; // code not in our tables: kept verbatim, never mapped

/** The family an event belongs to; it decides the alarm priority. */
export type EventCategory =
  | 'fire'
  | 'hold-up' // hold-up and duress
  | 'panic'
  | 'medical'
  | 'burglary'
  | 'gas'
  | 'environmental' // water, heat, freeze, ...
  | 'tamper'
  | 'trouble' // power, battery, communication, sensor faults
  | 'access' // access control
  | 'open-close'
  | 'bypass'
  | 'test'
  | 'supervision' // link tests, communication lost
  | 'other'
  | 'unknown';

/** What the address digits after a code stand for. */
export type AddressType = 'zone' | 'user' | 'area' | 'door' | 'device' | 'none' | 'unused';

/** One row of a code table (SIA DC-03 or Contact ID). */
export interface CodeDefinition {
  code: string;
  description: string;
  kind: EventKind;
  category: EventCategory;
  address: AddressType;
}

/** An event normalised from any payload. */
export interface NormalisedEvent {
  /** Code system the panel used. */
  codeSystem: 'sia' | 'cid' | 'none';
  /** The code as sent: SIA "BA"; Contact ID qualifier letter + event, "E130" / "R130" / "P130". */
  code: string;
  /** The SIA DC-03 code a Contact ID event maps to, where a mapping exists. */
  siaCode?: string;
  description: string;
  kind: EventKind;
  category: EventCategory;
  /** False when the code is missing from our tables (kept verbatim, kind 'unknown'). */
  known: boolean;
  zone?: string;
  user?: string;
  /** Area / partition / group. */
  partition?: string;
  /** Free text a panel sent (SIA `^...^`). */
  text?: string;
  /** Time of the event as the panel reported it inside the data block (SIA `ti`), "hh:mm". */
  panelTime?: string;
}
