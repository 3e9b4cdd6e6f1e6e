/**
 * Parser for SIA DC-03 event data as DC-09 carries it in a "SIA-DCS" message, after the
 * optional `#acct|` prefix: `Nri1/BA01/BA02`, `Nri1CL0^VX FRONTE       ^`, `NCQ1`.
 *
 * Grammar handled (DC-03 data block, as seen from real panels):
 * - a leading function letter, N (new event) or O (old event); `N` alone is a NULL block;
 * - modifiers: two lower-case letters and a value (`ri` area, `id` user, `ti` hh:mm, `pi`,
 *   `ai`, `da`, ...). They stay in force for the following events of the block, so
 *   `Nri1/BA01/ri2/BA03` puts BA03 in area 2;
 * - events: two upper-case letters and optional address digits (`BA01`, `NM`);
 * - free text between carets (`^VX FRONTE       ^`), belonging to the event before it;
 * - `/` separators, which some panels leave out (`Nri1CL0`, `OP001NM`).
 *
 * Errors are returned, never thrown: the result keeps the events read before the fault so an
 * operator still sees them, and `error` (starting "SIA DC-03:") says what could not be read.
 */
import type { CodeDefinition, NormalisedEvent } from '../../model/signal.ts';
import { lookupSiaCode } from './codes.ts';

/** Options for parseSiaDataBlock. */
export interface SiaDataBlockOptions {
  /** Codes outside DC-03 to recognise for this panel (e.g. siaVendorCodes); DC-03 wins. */
  extraCodes?: ReadonlyMap<string, CodeDefinition>;
}

/** What a data block held. */
export interface SiaDataBlockResult {
  /** The events in block order; empty for a NULL block (`N` or ""). */
  events: NormalisedEvent[];
  /** True when the block was marked O: the panel is repeating previously reported events. */
  old: boolean;
  /** Set when part of the block could not be read; events before the fault are kept. */
  error?: string;
}

type Token =
  | { type: 'event'; code: string; address: string; end: number }
  | { type: 'modifier'; name: string; value: string; end: number }
  | { type: 'text'; value: string; end: number }
  | { type: 'error'; message: string };

/** Modifiers in force for the events that follow them. */
interface Modifiers {
  partition?: string;
  user?: string;
  panelTime?: string;
}

const P = 'SIA DC-03';
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;

/** Parses one DC-03 data block into normalised events (see the module comment). */
export function parseSiaDataBlock(
  data: string,
  options: SiaDataBlockOptions = {},
): SiaDataBlockResult {
  if (data === '') return { events: [], old: false };
  const marker = data[0];
  if (marker !== 'N' && marker !== 'O') {
    const error = `${P}: data block must start with N or O, found ${JSON.stringify(marker)}`;
    return { events: [], old: false, error };
  }
  const { events, error } = parseBody(data, options.extraCodes);
  const old = marker === 'O';
  return error === undefined ? { events, old } : { events, old, error };
}

function parseBody(
  data: string,
  extraCodes: ReadonlyMap<string, CodeDefinition> | undefined,
): { events: NormalisedEvent[]; error?: string } {
  const events: NormalisedEvent[] = [];
  const modifiers: Modifiers = {};
  let pendingText: string | undefined;
  let pos = 1;
  while (pos < data.length) {
    // Separators are optional in practice (Nri1CL0, OP001NM), so they are simply skipped.
    if (data[pos] === '/') {
      pos += 1;
      continue;
    }
    const token = readToken(data, pos);
    if (token.type === 'error') return { events, error: token.message };
    pos = token.end;
    if (token.type === 'modifier') {
      const problem = applyModifier(modifiers, token.name, token.value);
      if (problem !== undefined) return { events, error: problem };
    } else if (token.type === 'event') {
      const event = buildEvent(token.code, token.address, modifiers, extraCodes);
      if (pendingText !== undefined) setText(event, pendingText);
      pendingText = undefined;
      events.push(event);
    } else {
      const last = events.at(-1);
      if (last === undefined || last.text !== undefined) pendingText = token.value;
      else setText(last, token.value);
    }
  }
  if (pendingText !== undefined) return { events, error: `${P}: text ^...^ with no event` };
  return { events };
}

function readToken(data: string, pos: number): Token {
  const ch = data[pos];
  if (ch === '^') return readText(data, pos);
  if (ch >= 'a' && ch <= 'z') return readModifier(data, pos);
  if (ch >= 'A' && ch <= 'Z') return readEvent(data, pos);
  return { type: 'error', message: `${P}: unexpected ${JSON.stringify(ch)} at offset ${pos}` };
}

function readText(data: string, pos: number): Token {
  const close = data.indexOf('^', pos + 1);
  if (close < 0) {
    return { type: 'error', message: `${P}: text opened at offset ${pos} is never closed` };
  }
  return { type: 'text', value: data.slice(pos + 1, close), end: close + 1 };
}

function readModifier(data: string, pos: number): Token {
  // Values are digits, plus ':' for ti (hh:mm) and '-' / '.' for dates some panels send.
  const match = /^([a-z]{2})([0-9:.-]*)/.exec(data.slice(pos));
  if (match === null) {
    return { type: 'error', message: `${P}: bad modifier at offset ${pos}` };
  }
  return { type: 'modifier', name: match[1], value: match[2], end: pos + match[0].length };
}

function readEvent(data: string, pos: number): Token {
  const match = /^([A-Z]{2})([0-9]*)/.exec(data.slice(pos));
  if (match === null) {
    return { type: 'error', message: `${P}: incomplete event code at offset ${pos}` };
  }
  return { type: 'event', code: match[1], address: match[2], end: pos + match[0].length };
}

/** Records a modifier; returns an error message when its value cannot be used. */
function applyModifier(modifiers: Modifiers, name: string, value: string): string | undefined {
  if (name === 'ri' || name === 'id') {
    if (!/^\d+$/.test(value)) {
      return `${P}: modifier ${name} needs digits, got ${JSON.stringify(value)}`;
    }
    if (name === 'ri') modifiers.partition = value;
    else modifiers.user = value;
  } else if (name === 'ti') {
    if (!TIME.test(value)) return `${P}: modifier ti needs hh:mm, got ${JSON.stringify(value)}`;
    modifiers.panelTime = value;
  }
  // Other modifiers (pi peripheral, ai automation id, da date, ...) have no field in the
  // shared event model yet; they are accepted so the events around them still parse.
  return undefined;
}

function buildEvent(
  code: string,
  address: string,
  modifiers: Modifiers,
  extraCodes: ReadonlyMap<string, CodeDefinition> | undefined,
): NormalisedEvent {
  const definition = lookupSiaCode(code) ?? extraCodes?.get(code);
  const event: NormalisedEvent = {
    codeSystem: 'sia',
    code,
    // Unknown codes are kept verbatim and never mapped to a near neighbour.
    description: definition?.description ?? `Unknown SIA code ${code}`,
    kind: definition?.kind ?? 'unknown',
    category: definition?.category ?? 'unknown',
    known: definition !== undefined,
  };
  if (modifiers.partition !== undefined) event.partition = modifiers.partition;
  if (address !== '') placeAddress(event, definition?.address ?? 'zone', address);
  if (event.user === undefined && modifiers.user !== undefined) event.user = modifiers.user;
  if (modifiers.panelTime !== undefined) event.panelTime = modifiers.panelTime;
  return event;
}

/**
 * Puts the address digits where the code's address type says. The model has only zone, user
 * and partition, so door and device numbers (and digits a code leaves "unused") go to zone:
 * digits are kept as sent, never dropped. An area-type address fills the partition unless an
 * `ri` modifier already did, in which case it is kept in zone rather than overwriting `ri`.
 */
function placeAddress(event: NormalisedEvent, type: CodeDefinition['address'], address: string) {
  if (type === 'user') event.user = address;
  else if (type === 'area' && event.partition === undefined) event.partition = address;
  else event.zone = address;
}

/** Panels pad the text to a fixed width with spaces; only that trailing padding is removed. */
function setText(event: NormalisedEvent, raw: string): void {
  const text = raw.replace(/ +$/, '');
  if (text !== '') event.text = text;
}
