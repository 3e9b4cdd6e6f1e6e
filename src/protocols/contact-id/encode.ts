/**
 * Encoders for Contact ID, used by the panel simulator: the DC-09 ADM-CID body `QEEE GG ZZZ`
 * and the 16-digit DC-05 message with its check digit. Bad input is a programming error in
 * the caller, so these throw (messages start "Contact ID:") instead of returning a result.
 */
import {
  computeContactIdChecksum,
  contactIdDigitValue,
  type ContactIdAlphabet,
} from './checksum.ts';
import type { ContactIdQualifier } from './codes.ts';

/** The event fields to encode; numbers are zero-padded to the field width. */
export interface ContactIdEventInput {
  qualifier: ContactIdQualifier;
  /** EEE: "130" or 130. */
  event: string | number;
  /** GG: "01" or 1; "00" when the panel has no partitions. */
  group: string | number;
  /** ZZZ: zone or user number, "015" or 15; "000" when none applies. */
  zoneOrUser: string | number;
}

/** Input for the 16-digit message: the event plus the account and message type. */
export interface ContactIdMessageInput extends ContactIdEventInput {
  /** Four digits (DC-05 also allows the high digits of the alphabet, e.g. "12C4"). */
  account: string;
  /** 18 (the usual) or 98 (the optional format some panels use). Default "18". */
  messageType?: '18' | '98';
}

/** The all-zero ADM-CID body some panels send inside a DC-09 NULL link test. */
export const ADM_CID_EMPTY_BODY = '0000 00 000';

/** Pads a number to the field width; checks a string's width and digits. */
function field(
  name: string,
  value: string | number,
  width: number,
  alphabet: ContactIdAlphabet,
): string {
  const text = typeof value === 'number' ? String(value).padStart(width, '0') : value;
  const valid = [...text].every((ch) => contactIdDigitValue(ch, alphabet) !== undefined);
  if (text.length !== width || !valid) {
    throw new Error(`Contact ID: ${name} must be ${width} digits, got ${JSON.stringify(value)}`);
  }
  return text;
}

/** The DC-09 ADM-CID data for one event, e.g. "1130 01 015". */
export function encodeAdmCidBody(input: ContactIdEventInput): string {
  // DC-09 carries the body as text digits; the DTMF alphabet's letters never appear there.
  const event = field('event', input.event, 3, 'hex');
  const group = field('group', input.group, 2, 'hex');
  const zone = field('zone/user', input.zoneOrUser, 3, 'hex');
  return `${field('qualifier', input.qualifier, 1, 'hex')}${event} ${group} ${zone}`;
}

/** The 16-digit DC-05 message with its check digit, e.g. "1234181131010158". */
export function encodeContactIdMessage(
  input: ContactIdMessageInput,
  alphabet: ContactIdAlphabet = 'dtmf',
): string {
  const body =
    field('account', input.account, 4, alphabet) +
    (input.messageType ?? '18') +
    field('qualifier', input.qualifier, 1, alphabet) +
    field('event', input.event, 3, alphabet) +
    field('group', input.group, 2, alphabet) +
    field('zone/user', input.zoneOrUser, 3, alphabet);
  return body + computeContactIdChecksum(body, alphabet);
}
