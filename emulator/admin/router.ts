// POST /admin?env=..&seqId=..: the wx-server-sdk wire protocol. Every reply is HTTP 200 with JSON:
// `{requestId, ...fields}` on success, `{requestId, code, message}` on failure (reference §1.4).
import { randomBytes } from 'crypto'
import type { IncomingMessage, ServerResponse } from 'http'
import { PlatformError, toPlatformError } from '../errors'
import type { RequestLog } from '../request-log'
import { readJson, sendJson } from '../server'
import type { ActionHandler } from './context'

/** Batch inserts of many documents are legitimate; the cap only stops runaway bodies. */
const MAX_ADMIN_BODY_BYTES = 32 * 1024 * 1024

export function adminHandler(actions: Record<string, ActionHandler>, requests: RequestLog) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now()
    const requestId = randomBytes(8).toString('hex')
    let action = '?'
    let body: Record<string, unknown> = {}
    let reply: Record<string, unknown>
    try {
      const parsed = await readJson(req, MAX_ADMIN_BODY_BYTES)
      if (!parsed || typeof parsed !== 'object') throw new PlatformError('INVALID_PARAM', 'body must be a JSON object')
      body = parsed as Record<string, unknown>
      action = String(body.action)
      const handler = Object.hasOwn(actions, action) ? actions[action] : undefined
      if (!handler) throw new PlatformError('INVALID_PARAM', `action ${action} is not supported by the local emulator`)
      reply = { requestId, ...(await handler({ action, body, requestId })) }
    } catch (error) {
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
