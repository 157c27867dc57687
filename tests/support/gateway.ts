// Calls a cloud function the way wx.cloud.callFunction does, through the emulator's client gateway.
import type { ApiRequest, ApiResult, ActionName, ActionData } from '../../typings/api'

export interface Identity {
  openid: string
  appid?: string
  unionid?: string
}

/** The gateway's answer, as wx.cloud.callFunction resolves or rejects. */
export interface GatewayReply<T = unknown> {
  status: number
  body: { result?: T; requestID?: string; errMsg: string; errCode?: number }
}

export async function callGateway<T = unknown>(
  baseUrl: string,
  name: string,
  data: unknown,
  identity?: Identity,
): Promise<GatewayReply<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (identity) {
    headers['x-wx-openid'] = identity.openid
    if (identity.appid) headers['x-wx-appid'] = identity.appid
    if (identity.unionid) headers['x-wx-unionid'] = identity.unionid
  }
  const res = await fetch(`${baseUrl}/client/callFunction`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name, data }),
  })
  return { status: res.status, body: (await res.json()) as GatewayReply<T>['body'] }
}

/** Calls one `bookcase` action as `identity` and returns its ApiResult. Throws if the call itself failed. */
export async function callBookcase<A extends ActionName>(
  baseUrl: string,
  identity: Identity | undefined,
  request: ApiRequest<A>,
): Promise<ApiResult<ActionData<A>>> {
  const reply = await callGateway<ApiResult<ActionData<A>>>(baseUrl, 'bookcase', request, identity)
  if (reply.body.errMsg !== 'cloud.callFunction:ok' || reply.body.result === undefined) {
    throw new Error(`callFunction failed: ${JSON.stringify(reply.body)}`)
  }
  return reply.body.result
}
