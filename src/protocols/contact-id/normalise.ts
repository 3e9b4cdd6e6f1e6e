/**
 * Turns the fields of a Contact ID event (qualifier, event code, group, zone or user) into
 * the shared NormalisedEvent, whatever form carried them (16-digit message, ADM-CID body).
 */
import type { EventKind, NormalisedEvent } from '../../model/signal.ts';
import {
  kindForQualifier,
  lookupContactIdCode,
  qualifierLetters,
  siaCodeForQualifier,
  type ContactIdQualifier,
} from './codes.ts';

/** The event fields of a Contact ID message, as sent (digits are never re-padded). */
export interface ContactIdEventFields {
  qualifier: ContactIdQualifier;
  /** EEE, e.g. "130". */
  event: string;
  /** GG, the group or partition, e.g. "01". */
  group: string;
  /** ZZZ, a zone or a user number depending on the event, e.g. "015". */
  zoneOrUser: string;
}

/** Wording added to the table description so an operator sees what the qualifier said. */
function qualifierWording(kind: EventKind, qualifier: ContactIdQualifier): string {
  if (qualifier === '6') return ' - still present (status report)';
  if (qualifier === '1') return kind === 'open' ? ' - opening (disarmed)' : '';
  switch (kind) {
    case 'restore':
    case 'trouble-restore':
      return ' - restored';
    case 'close':
      return ' - closing (armed)';
    case 'unbypass':
      return ' - bypass removed';
    default:
      return ' - ended or restored';
  }
}

/** The NormalisedEvent for one Contact ID event; unknown event codes are kept verbatim. */
export function normaliseContactIdEvent(fields: ContactIdEventFields): NormalisedEvent {
  const { qualifier, event, group, zoneOrUser } = fields;
  const code = qualifierLetters[qualifier] + event;
  const definition = lookupContactIdCode(event);
  if (definition === undefined) {
    return {
      codeSystem: 'cid',
      code,
      description: `Unknown Contact ID event ${event}`,
      kind: 'unknown',
      category: 'unknown',
      known: false,
      zone: zoneOrUser,
      partition: group,
    };
  }
  const kind = kindForQualifier(definition.kind, qualifier);
  const normalised: NormalisedEvent = {
    codeSystem: 'cid',
    code,
    description: definition.description + qualifierWording(kind, qualifier),
    kind,
    category: definition.category,
    known: true,
    partition: group,
  };
  const siaCode = siaCodeForQualifier(definition, qualifier);
  if (siaCode !== undefined) normalised.siaCode = siaCode;
  // DC-05: ZZZ is a user number for open/close and a few others (121, 313, 574, 604, ...),
  // a zone otherwise; device numbers have no field of their own in the model, so use zone.
  if (definition.address === 'user') normalised.user = zoneOrUser;
  else normalised.zone = zoneOrUser;
  return normalised;
}
