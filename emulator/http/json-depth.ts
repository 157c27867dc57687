// JSON from a request is parsed only once its nesting is known to be shallow: JSON.parse itself copes
// with deep text, but everything after it (bson's EJSON, mingo, JSON.stringify of an answer, structured
// clone to a worker) recurses, and a few thousand levels overflow the stack (emulator/README.md,
// "Security"). The scan is one linear pass over the text, so it costs next to nothing beside the parse.

/**
 * Request bodies (the gateway's `{name, data}`, the admin API's envelope, invokeFunction's request_data).
 * The admin envelope carries its documents as EJSON strings and is a few levels deep; a call's data is
 * what a page passes to wx.cloud.callFunction. 64 levels is far beyond either and far below any stack limit.
 */
export const MAX_BODY_DEPTH = 64

/**
 * EJSON strings inside admin bodies (documents, queries, updates). MongoDB stores documents up to 100
 * levels deep; EJSON type wrappers (`{"$date": {"$numberLong": …}}`) and the query or update operators
 * around a document add a few more, so 128 refuses nothing the real database would accept.
 */
export const MAX_EJSON_DEPTH = 128

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

/**
 * Whether `text`'s objects and arrays nest deeper than `limit` (`{}` and `[]` are depth 1). Brackets
 * inside strings don't count; escaped quotes don't end a string. Malformed text is JSON.parse's to
 * refuse: an unterminated string simply ends the scan.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      // Jump to the closing quote: the next one not preceded by an odd run of backslashes.
      let end = i
      for (;;) {
        end = text.indexOf('"', end + 1)
        if (end < 0) return false
        let backslashes = 0
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++
        if (backslashes % 2 === 0) break
      }
      i = end
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--
    }
  }
  return false
}

/**
 * JSON.parse after the depth scan. `fail` builds the error the caller's protocol answers with
 * (an HTTP 400, an INVALID_PARAM), from a one-line reason.
 */
export function parseJson(
  text: string,
  limit: number,
  fail: (reason: string) => Error,
  reviver?: (key: string, value: unknown) => unknown,
): unknown {
  if (nestsDeeperThan(text, limit)) throw fail(`JSON nested deeper than ${limit} levels`)
  try {
    return JSON.parse(text, reviver)
  } catch {
    throw fail('not valid JSON')
  }
}
