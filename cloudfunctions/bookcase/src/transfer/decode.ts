// Bytes of a text file → text. Readers' files come from Excel and other apps in whatever encoding they
// were saved in: UTF-8 with or without a BOM, UTF-16 ("Unicode text"), and GB18030/GBK from Excel on
// Chinese Windows. The Mini Program has no GBK decoder, so this happens in the function.
import iconv from 'iconv-lite'

const startsWith = (bytes: Buffer, ...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte)

/** Without a BOM, UTF-16 shows as zero bytes: text in UTF-8 or GB18030 has none at all, while UTF-16
 * has one beside every ASCII character (digits, commas, line breaks), on the odd side for little-endian,
 * on the even side for big-endian (a few CJK characters, such as U+4E00 一, add some on the other). */
function bomlessUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, 4096)
  let even = 0
  let odd = 0
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) even++
      else odd++
    }
  }
  if (even + odd === 0) return null
  return odd >= even ? 'utf-16le' : 'utf-16be'
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes a text file: a BOM decides (UTF-8, UTF-16 LE/BE); else zero-byte patterns mean UTF-16; else
 * the bytes are UTF-8 if they decode strictly as UTF-8, and GB18030 (a superset of GBK) if not. */
export function decodeText(bytes: Buffer): string {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return bytes.subarray(3).toString('utf8')
  if (startsWith(bytes, 0xff, 0xfe)) return iconv.decode(bytes.subarray(2), 'utf-16le')
  if (startsWith(bytes, 0xfe, 0xff)) return iconv.decode(bytes.subarray(2), 'utf-16be')
  const utf16 = bomlessUtf16(bytes)
  if (utf16) return iconv.decode(bytes, utf16)
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return iconv.decode(bytes, 'gb18030')
  }
}
