// POST /admin?env=..&seqId=..: the wx-server-sdk wire protocol. Every reply to a readable request is
// HTTP 200 with JSON: `{requestId, ...fields}` on success, `{requestId, code, message}` on failure
// (emulator/README.md, "Replies"); only a body over the cap or cut off is answered over HTTP.
import type { IncomingMessage, ServerResponse } from 'http'
import { HttpError, invalidParam, PlatformError, toPlatformError } from '../errors'
import { MAX_BODY_DEPTH, parseJson } from '../http/json-depth'
import type { RequestLog } from '../request-log'
import { readBody, sendJson } from '../server'
import type { ActionHandler } from './context'
import { nextRequestId } from '../request-id'

/** Batch inserts of many documents are legitimate; the cap only stops runaway bodies. */
const MAX_ADMIN_BODY_BYTES = 32 * 1024 * 1024

/**
 * The request body as a JSON object. Not JSON, too deep or not an object is the SDK's INVALID_PARAM;
 * a body over the cap (or one cut off) stays an HttpError, answered over HTTP (emulator/README.md, "Replies").
 */
async function readAdminBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req, MAX_ADMIN_BODY_BYTES)).toString('utf8')
  const parsed = parseJson(text, MAX_BODY_DEPTH, (reason) => invalidParam(`request body: ${reason}`))
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PlatformError('INVALID_PARAM', 'body must be a JSON object')
  return parsed as Record<string, unknown>
}

export function adminHandler(actions: Record<string, ActionHandler>, requests: RequestLog) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now()
    const requestId = nextRequestId()
    let action = '?'
    let body: Record<string, unknown> = {}
    let reply: Record<string, unknown>
    try {
      body = await readAdminBody(req)
      action = String(body.action)
      const handler = Object.hasOwn(actions, action) ? actions[action] : undefined
      if (!handler) throw new PlatformError('INVALID_PARAM', `action ${action} is not supported by the local emulator`)
      reply = { requestId, ...(await handler({ action, body, requestId })) }
    } catch (error) {
      // Only readBody throws these (body over the cap, request cut off): answered over HTTP, not the wire.
      if (error instanceof HttpError) throw error
      const platform = toPlatformError(error)
      reply = { requestId, code: platform.code, message: platform.message }
    }
    requests.add({
      kind: 'admin',
      name: action,
      target: typeof body.collectionName === 'string' ? body.collectionName : typeof body.function_name === 'string' ? body.function_name : undefined,
      ms: performance.now() - started,
      error: typeof reply.code === 'string' ? `${reply.code}: ${reply.message}` : undefined,
    })
    sendJson(res, 200, reply)
  }
}
