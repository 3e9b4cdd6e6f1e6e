import iconv from 'iconv-lite';

/** The encoding a file turned out to be in. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an uploaded text file. UTF-8 (with or without the BOM spreadsheets write) is tried
 * first; bytes that are not valid UTF-8 are read as GB18030, the superset of GBK and GB2312
 * that Chinese office software saves CSV in.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: strictUtf8.decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(body), 'gb18030'), encoding: 'gb18030' };
  }
}
