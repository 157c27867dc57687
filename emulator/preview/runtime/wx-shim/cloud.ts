// wx.cloud: callFunction goes to the emulator's client gateway as the current identity, and resolves or
// rejects with exactly what the gateway answers (the shapes wx.cloud.callFunction has in WeChat).
import { asyncApi, loud, WxError } from './async-api'
import type { ShimContext } from './context'

const GATEWAY = '/client/callFunction'

interface GatewayBody {
  result?: unknown
  requestID?: string
  errMsg?: string
  errCode?: number
}

export function createCloud(ctx: ShimContext) {
  let env = ''
  const cloud = {
    init(options: { env?: string | { functions?: string }; traceUser?: boolean } = {}) {
      env = typeof options.env === 'string' ? options.env : (options.env?.functions ?? '')
      console.info(`[preview] wx.cloud.init: using the local emulator${env ? ` (env "${env}" ignored)` : ''}`)
    },
    callFunction: asyncApi('cloud.callFunction', async (options: { name: string; data?: unknown; config?: unknown }) => {
      let response: Response
      try {
        response = await fetch(GATEWAY, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-wx-openid': ctx.openid() },
          body: JSON.stringify({ name: options.name, data: options.data ?? {} }),
        })
      } catch (error) {
        throw new WxError({ errCode: -1, errMsg: `cloud.callFunction:fail ${(error as Error).message}` })
      }
      const body = (await response.json().catch(() => ({}))) as GatewayBody
      if (response.ok && body.errMsg === 'cloud.callFunction:ok') {
        return { result: body.result, requestID: body.requestID ?? '' }
      }
      throw new WxError({ errCode: body.errCode ?? -1, errMsg: body.errMsg ?? `cloud.callFunction:fail HTTP ${response.status}` })
    }),
  }
  return loud(cloud, 'wx.cloud')
}
