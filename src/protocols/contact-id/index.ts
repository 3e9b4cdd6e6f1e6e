/** Contact ID (SIA DC-05) payload codec: code table, checksum, parsers and encoders. */
export {
  computeContactIdChecksum,
  contactIdDigitValue,
  verifyContactIdChecksum,
  type ContactIdAlphabet,
} from './checksum.ts';
export {
  contactIdCodes,
  isContactIdQualifier,
  kindForQualifier,
  lookupContactIdCode,
  qualifierLetters,
  siaCodeForQualifier,
  type ContactIdCodeDefinition,
  type ContactIdQualifier,
} from './codes.ts';
export {
  ADM_CID_EMPTY_BODY,
  encodeAdmCidBody,
  encodeContactIdMessage,
  type ContactIdEventInput,
  type ContactIdMessageInput,
} from './encode.ts';
export {
  parseAdmCidBody,
  parseBracketedContactId,
  parseContactId,
  parseContactIdMessage,
  type ContactIdFlag,
  type ContactIdForm,
  type ContactIdMessage,
  type ContactIdParseOptions,
  type ContactIdResult,
} from './message.ts';
export { normaliseContactIdEvent, type ContactIdEventFields } from './normalise.ts';
