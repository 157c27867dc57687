// POST /client/callFunction: what wx.cloud.callFunction reaches locally (browser preview, page tests).
// The wire shape (path, body, identity headers, answers) is declared in ./protocol; here the call is run
// and its outcome mapped to the platform's errCodes. A malformed request itself (not JSON, no name) is a 400.
import type { IncomingMessage, ServerResponse } from 'http'
import { headerValue } from '../http/headers'
import { HttpError, PlatformError, type PlatformCode } from '../errors'
import type { FunctionRunner } from '../functions/runner'
import type { RequestLog } from '../request-log'
import { readJson, sendJson } from '../server'
import { callFail, callOk, identityFromHeaders, parseCallRequest, type CallFunctionReply } from './protocol'

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

export function callFunctionHandler(runner: FunctionRunner, requests: RequestLog) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now()
    const call = parseCallRequest(await readJson(req, MAX_CALL_BYTES))
    if (!call) throw new HttpError(400, 'body must be {"name": string, "data": object}')
    const caller = {
      ...identityFromHeaders((name) => headerValue(req, name)),
      clientIp: req.socket.remoteAddress?.replace(/^::ffff:/, ''),
      source: 'wx_client',
    }
    let reply: CallFunctionReply
    try {
      const { requestId, json } = await runner.invoke(call.name, call.data, caller)
      reply = callOk(json === undefined ? null : JSON.parse(json), requestId)
    } catch (error) {
      const failure = error instanceof PlatformError ? error : new PlatformError('FUNCTIONS_EXECUTE_FAIL', String(error))
      const [errCode, text] = FAILURES[failure.code] ?? [-501001, 'resource system error']
      reply = callFail(errCode, `Error: errCode: ${errCode} ${text} | errMsg: ${failure.message}`)
    }
    requests.add({
      kind: 'gateway',
      name: call.name,
      target: caller.openid ?? '(no identity)',
      ms: performance.now() - started,
      error: 'errCode' in reply ? reply.errMsg : undefined,
    })
    sendJson(res, 200, reply)
  }
}
