// The file system manager's encodings (the ones WeChat lists; no gbk): bytes to text and back.
export type FileEncoding = 'utf8' | 'utf-8' | 'utf16le' | 'ucs2' | 'base64' | 'hex' | 'binary' | 'latin1' | 'ascii'

const binaryString = (bytes: Uint8Array) => Array.from(bytes, (byte) => String.fromCharCode(byte)).join('')
const fromBinaryString = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff)

/** Without an encoding, WeChat answers an ArrayBuffer. */
export function decodeBytes(bytes: Uint8Array, encoding?: FileEncoding): string | ArrayBuffer {
  switch (encoding) {
    case undefined:
      return bytes.slice().buffer as ArrayBuffer
    case 'utf8':
    case 'utf-8':
      return new TextDecoder().decode(bytes)
    case 'utf16le':
    case 'ucs2':
      return new TextDecoder('utf-16le').decode(bytes)
    case 'base64':
      return btoa(binaryString(bytes))
    case 'hex':
      return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
    case 'ascii':
      return Array.from(bytes, (byte) => String.fromCharCode(byte & 0x7f)).join('')
    default:
      return binaryString(bytes)
  }
}

export function encodeText(data: string | ArrayBuffer | ArrayBufferView, encoding: FileEncoding = 'utf8'): Uint8Array {
  if (typeof data !== 'string') return data instanceof ArrayBuffer ? new Uint8Array(data.slice(0)) : new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))
  switch (encoding) {
    case 'utf8':
    case 'utf-8':
      return new TextEncoder().encode(data)
    case 'utf16le':
    case 'ucs2': {
      const out = new Uint8Array(data.length * 2)
      for (let i = 0; i < data.length; i++) {
        out[2 * i] = data.charCodeAt(i) & 0xff
        out[2 * i + 1] = data.charCodeAt(i) >> 8
      }
      return out
    }
    case 'base64':
      return fromBinaryString(atob(data))
    case 'hex':
      return Uint8Array.from(data.match(/[0-9a-f]{2}/gi) ?? [], (pair) => parseInt(pair, 16))
    default:
      return fromBinaryString(data)
  }
}
