/**
 * CRC-16/ARC (reflected polynomial 0xA001, init 0, no final XOR), the CRC of ANSI/SIA DC-09.
 * It covers the message from the opening quote of the id token to the byte before CR.
 * Check value: crc16("123456789") = 0xBB3D.
 */
const TABLE = new Uint16Array(256);
for (let n = 0; n < 256; n++) {
  let crc = n;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  TABLE[n] = crc;
}

/** CRC-16/ARC of bytes[start, end), continuing from `seed` (0 for a fresh CRC). */
export function crc16(bytes: Uint8Array, start = 0, end = bytes.length, seed = 0): number {
  let crc = seed;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]) & 0xff];
  return crc;
}

/** The CRC as DC-09 writes it: four upper-case hex digits. */
export function crcHex(crc: number): string {
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
