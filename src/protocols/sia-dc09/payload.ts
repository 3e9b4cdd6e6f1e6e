/**
 * The events a DC-09 message carries, whatever its payload: SIA DC-03 codes in "SIA-DCS",
 * Contact ID in "ADM-CID", nothing but supervision in "NULL". Every accepted message yields at
 * least one event, so each one can be listed and counted; what cannot be read is kept verbatim
 * as an 'unknown' event rather than dropped or guessed at.
 */
import type { NormalisedEvent } from '../../model/signal.ts';
import { parseAdmCidBody } from '../contact-id/index.ts';
import { parseSiaDataBlock, siaVendorCodes } from '../sia-dc03/index.ts';
import type { MessageToken } from './message.ts';
import { splitDataAccount } from './message.ts';

/** The event a NULL message stands for (DC-09 5.5.2: link supervision). */
export const LINK_TEST: Readonly<NormalisedEvent> = Object.freeze({
  codeSystem: 'none',
  code: 'NULL',
  description: 'Link test',
  kind: 'link-test',
  category: 'supervision',
  known: true,
});

/** What a payload decoded to; `error` says what could not be read (events are still kept). */
export interface DecodedPayload {
  events: NormalisedEvent[];
  error?: string;
}

function unreadable(codeSystem: 'sia' | 'cid', payload: string, error: string): NormalisedEvent {
  return {
    codeSystem,
    code: payload.slice(0, 32),
    description: error,
    kind: 'unknown',
    category: 'unknown',
    known: false,
    text: payload,
  };
}

const emptyMessage = (codeSystem: 'sia' | 'cid'): NormalisedEvent => ({
  codeSystem,
  code: '',
  description: 'Message without an event',
  kind: 'status',
  category: 'other',
  known: true,
});

/** Decodes the data block of a message of the given id. */
export function decodePayload(token: MessageToken, data: string): DecodedPayload {
  // A NULL may carry a body (pysiaalarm's issue #42 case: `#0000|0000 00 000`): still a link test.
  if (token === 'NULL') return { events: [{ ...LINK_TEST }] };
  const { payload } = splitDataAccount(data);
  return token === 'SIA-DCS' ? decodeSia(payload) : decodeContactId(payload);
}

function decodeSia(payload: string): DecodedPayload {
  // Codes panels use beyond DC-03 (JC and friends) are recognised; DC-03 wins on a clash.
  const result = parseSiaDataBlock(payload, { extraCodes: siaVendorCodes });
  const events = [...result.events];
  if (result.error) events.push(unreadable('sia', payload, result.error));
  if (events.length === 0) events.push(emptyMessage('sia'));
  return result.error ? { events, error: result.error } : { events };
}

function decodeContactId(payload: string): DecodedPayload {
  const result = parseAdmCidBody(payload);
  if (!result.ok) return { events: [unreadable('cid', payload, result.error)], error: result.error };
  return { events: [result.message.normalised ?? emptyMessage('cid')] };
}
