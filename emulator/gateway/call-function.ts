// POST /client/callFunction: what wx.cloud.callFunction reaches locally (browser preview, page tests).
// Body `{"name", "data"}`; the dev identity in headers `x-wx-openid` (optional `x-wx-appid`,
// `x-wx-unionid`); no `x-wx-openid` is a call without identity (the function sees no OPENID).
//
// The answer is always HTTP 200 with JSON, shaped as wx.cloud.callFunction settles:
//   resolved: {result, requestID, errMsg: "cloud.callFunction:ok"}
//   rejected: {errCode, errMsg: "cloud.callFunction:fail ..."}
// (a malformed request itself — not JSON, no name — is a 400).
import type { IncomingMessage, ServerResponse } from 'http'
import { HttpError, PlatformError, type PlatformCode } from '../errors'
import type { FunctionRunner } from '../functions/runner'
import type { RequestLog } from '../request-log'
import { readJson, sendJson } from '../server'

/** wx.cloud.callFunction's payload limit is small; 1 MB is generous and stops runaway bodies. */
const MAX_CALL_BYTES = 1024 * 1024

// errCode and wording of a failed call. The -504002 "functions execute fail" text is the
// documented one; the code for a timeout and for a missing function are UNVERIFIED.
const FAILURES: Partial<Record<PlatformCode, [number, string]>> = {
  FUNCTIONS_EXECUTE_FAIL: [-504002, 'functions execute fail'],
  FUNCTIONS_TIME_LIMIT_EXCEEDED: [-504003, 'functions time limit exceeded'],
  FUNCTIONS_NOT_FOUND: [-501000, 'function not found'],
  INVALID_PARAM: [-501007, 'invalid parameters'],
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  const text = Array.isArray(value) ? value[0] : value
  return text ? text : undefined
}

export function callFunctionHandler(runner: FunctionRunner, requests: RequestLog) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now()
    const body = (await readJson(req, MAX_CALL_BYTES)) as { name?: unknown; data?: unknown } | null
    if (!body || typeof body.name !== 'string' || body.name === '') throw new HttpError(400, 'body must be {"name": string, "data": object}')
    const caller = {
      openid: header(req, 'x-wx-openid'),
      appid: header(req, 'x-wx-appid'),
      unionid: header(req, 'x-wx-unionid'),
      clientIp: req.socket.remoteAddress?.replace(/^::ffff:/, ''),
      source: 'wx_client',
    }
    let reply: Record<string, unknown>
    try {
      const { requestId, json } = await runner.invoke(body.name, body.data ?? {}, caller)
      reply = { result: json === undefined ? null : JSON.parse(json), requestID: requestId, errMsg: 'cloud.callFunction:ok' }
    } catch (error) {
      const failure = error instanceof PlatformError ? error : new PlatformError('FUNCTIONS_EXECUTE_FAIL', String(error))
      const [errCode, text] = FAILURES[failure.code] ?? [-501001, 'resource system error']
      reply = { errCode, errMsg: `cloud.callFunction:fail Error: errCode: ${errCode} ${text} | errMsg: ${failure.message}` }
    }
    requests.add({
      kind: 'gateway',
      name: body.name,
      target: caller.openid ?? '(no identity)',
      ms: performance.now() - started,
      error: typeof reply.errCode === 'number' ? String(reply.errMsg) : undefined,
    })
    sendJson(res, 200, reply)
  }
}
