// JT/T 808 codec (pure): framing, header/body decoding, reply and terminal-message encoders, subpackage reassembly.
export * from './types';
export { FrameReader, escape, unescape, checksum, wrapFrame, type FrameReaderOptions, type PushResult } from './framing';
export { decodeMessage, decodeBody, decodeHeader, decodeLocation, MSG, LOCATION_BASE_LENGTH, type LocationResult } from './decode';
export {
  encode8001,
  encode8100,
  encodeMessage,
  encodeFrame,
  encodeLocationBody,
  splitFrames,
  RESULT_8001,
  RESULT_8100,
  MAX_BODY_LENGTH,
  type HeaderInput,
  type ReplyHeaderInput,
  type LocationInput,
  type TerminalMessageInput,
  type EncodeOptions,
} from './encode';
export { SubpackageAssembler, type SubpackageOptions, type SubpackageResult, type DroppedAssembly } from './subpackage';
export { bcdTimeToDate, dateToBcdTime, encodeGbk, decodeGbk } from './bytes';
