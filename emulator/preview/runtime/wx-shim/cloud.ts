// wx.cloud: callFunction goes to the emulator's client gateway as the current identity, and resolves or
// rejects with exactly what the gateway answers (the shapes wx.cloud.callFunction has in WeChat).
import { createClientDatabase, type ClientDbTransport } from '../../../client-db/client'
import { buildCallRequest, CALL_FUNCTION_PATH, classifyReply, unreachable } from '../../../gateway/protocol'
import { asyncApi, loud, WxError } from './async-api'
import type { ShimContext } from './context'

/** The client database's requests go to the emulator that served the page. */
const fetchTransport: ClientDbTransport = async (path, headers, body) => {
  const response = await fetch(path, { method: 'POST', headers, body })
  return { status: response.status, text: await response.text() }
}

export function createCloud(ctx: ShimContext) {
  let env = ''
  // wx.cloud.database(): emulator/client-db/, as the current reader.
  const database = createClientDatabase(fetchTransport, () => ctx.openid())
  const cloud = {
    database: () => database,
    init(options: { env?: string | { functions?: string }; traceUser?: boolean } = {}) {
      env = typeof options.env === 'string' ? options.env : (options.env?.functions ?? '')
      console.info(`[preview] wx.cloud.init: using the local emulator${env ? ` (env "${env}" ignored)` : ''}`)
    },
    callFunction: asyncApi('cloud.callFunction', async (options: { name: string; data?: unknown; config?: unknown }) => {
      const { headers, body } = buildCallRequest(options.name, options.data, { openid: ctx.openid() })
      let response: Response
      try {
        response = await fetch(CALL_FUNCTION_PATH, { method: 'POST', headers, body })
      } catch (error) {
        throw new WxError(unreachable(error))
      }
      const outcome = classifyReply(response.status, await response.json().catch(() => undefined))
      if (!outcome.ok) throw new WxError({ errCode: outcome.errCode, errMsg: outcome.errMsg })
      return { result: outcome.result, requestID: outcome.requestID }
    }),
  }
  return loud(cloud, 'wx.cloud')
}
