// One spelling for a URL-encoded path, so a signature over it survives the ways clients encode it.
// The SDK sends encodeURI(tempFileURL) (`[` → %5B), a browser or fetch() the WHATWG spelling (`[` kept
// raw, non-ASCII as UTF-8 %XX), Node's legacy url.parse yet another (`'` → %27). RFC 3986 §6.2.2
// treats percent-encoded unreserved characters as the characters themselves and hex digits as
// case-insensitive; the canonical form below goes one step further and percent-encodes every other
// character except `/`. It never decodes anything else: `%2F` stays distinct from `/`, and malformed
// escapes (`%zz`, a lone `%`) are kept as encoded text, so this runs safely on untrusted input.

const UNRESERVED = /^[A-Za-z0-9\-._~]$/

function percentEncode(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')
}

/** The canonical spelling of an encoded URL path: only unreserved characters, `/` and upper-case %XX. */
export function canonicalUrlPath(encoded: string): string {
  return encoded.replace(/%([0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~/]/gu, (match, hex: string | undefined) => {
    if (hex === undefined) return percentEncode(match)
    const char = String.fromCharCode(parseInt(hex, 16))
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`
  })
}
