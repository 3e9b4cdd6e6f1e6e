/** SIA DC-03 payload codec: the event code table and the data-block parser. */
export { lookupSiaCode, siaCodes, siaVendorCodes } from './codes.ts';
export {
  parseSiaDataBlock,
  type SiaDataBlockOptions,
  type SiaDataBlockResult,
} from './data-block.ts';
