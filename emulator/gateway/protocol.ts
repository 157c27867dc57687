// The client gateway's wire shape, declared once: the route wx.cloud.callFunction reaches locally, what
// a call sends and what it gets back. The handler (call-function.ts), the preview's wx shim and the test
// helpers all build and read calls through this file, so it imports nothing: it is also bundled into the
// browser runtime.
//
// Request:  POST CALL_FUNCTION_PATH, body `{"name", "data"}`, the caller's identity in IDENTITY_HEADERS
//           (no openid header is a call without identity).
// Answer:   HTTP 200 with JSON, shaped as wx.cloud.callFunction settles in WeChat:
//             resolved: {result, requestID, errMsg: "cloud.callFunction:ok"}
//             rejected: {errCode, errMsg: "cloud.callFunction:fail ..."}
//           (a malformed request itself is an HTTP error with a JSON `{error}` body).

export const CALL_FUNCTION_PATH = '/client/callFunction'

export const IDENTITY_HEADERS = {
  openid: 'x-wx-openid',
  appid: 'x-wx-appid',
  unionid: 'x-wx-unionid',
} as const

/** Who is calling: the dev identity a Mini Program user would have. */
export interface CallerIdentity {
  openid: string
  appid?: string
  unionid?: string
}

export interface CallFunctionRequest {
  name: string
  data: unknown
}

export const CALL_OK = 'cloud.callFunction:ok'
const CALL_FAIL = 'cloud.callFunction:fail'

export interface CallFunctionOk<T = unknown> {
  result: T
  requestID: string
  errMsg: typeof CALL_OK
}

export interface CallFunctionFail {
  errCode: number
  errMsg: string
}

export type CallFunctionReply<T = unknown> = CallFunctionOk<T> | CallFunctionFail

/** A reply as a client sees it before classifying it: any of the fields may be there. */
export type CallFunctionReplyBody<T = unknown> = Partial<CallFunctionOk<T>> & Partial<CallFunctionFail> & { errMsg: string }

export function callOk<T>(result: T, requestID: string): CallFunctionOk<T> {
  return { result, requestID, errMsg: CALL_OK }
}

/** A rejected call; `reason` follows "cloud.callFunction:fail " in errMsg. */
export function callFail(errCode: number, reason: string): CallFunctionFail {
  return { errCode, errMsg: `${CALL_FAIL} ${reason}` }
}

/** Headers and JSON body of one call as `identity` (none: a call without identity). */
export function buildCallRequest(name: string, data: unknown, identity?: CallerIdentity): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (identity) {
    headers[IDENTITY_HEADERS.openid] = identity.openid
    if (identity.appid) headers[IDENTITY_HEADERS.appid] = identity.appid
    if (identity.unionid) headers[IDENTITY_HEADERS.unionid] = identity.unionid
  }
  const request: CallFunctionRequest = { name, data: data ?? {} }
  return { headers, body: JSON.stringify(request) }
}

/** The call a parsed request body names, or undefined when it is not `{name: non-empty string, data?}`. */
export function parseCallRequest(body: unknown): CallFunctionRequest | undefined {
  if (!body || typeof body !== 'object') return undefined
  const { name, data } = body as { name?: unknown; data?: unknown }
  if (typeof name !== 'string' || name === '') return undefined
  return { name, data: data ?? {} }
}

/** The caller named by a request's headers; `header` gives a header's value, undefined when absent or empty. */
export function identityFromHeaders(header: (name: string) => string | undefined): Partial<CallerIdentity> {
  return {
    openid: header(IDENTITY_HEADERS.openid),
    appid: header(IDENTITY_HEADERS.appid),
    unionid: header(IDENTITY_HEADERS.unionid),
  }
}

export type CallOutcome<T = unknown> = ({ ok: true } & Omit<CallFunctionOk<T>, 'errMsg'>) | ({ ok: false } & CallFunctionFail)

/**
 * How a client settles a call from the gateway's HTTP status and parsed body (undefined when the body
 * was not JSON): resolved with {result, requestID}, or rejected with {errCode, errMsg}.
 */
export function classifyReply<T = unknown>(status: number, body: unknown): CallOutcome<T> {
  const reply = (body && typeof body === 'object' ? body : {}) as Partial<CallFunctionReplyBody<T>>
  if (status === 200 && reply.errMsg === CALL_OK) return { ok: true, result: reply.result as T, requestID: reply.requestID ?? '' }
  return { ok: false, errCode: reply.errCode ?? -1, errMsg: reply.errMsg ?? `${CALL_FAIL} HTTP ${status}` }
}

/** A call that never got an answer (network error, gateway down). */
export function unreachable(error: unknown): CallFunctionFail {
  return callFail(-1, error instanceof Error ? error.message : String(error))
}
