// Calls a cloud function the way wx.cloud.callFunction does, through the emulator's client gateway.
import type { ApiRequest, ApiResult, ActionName, ActionData } from '../../typings/api'
import {
  buildCallRequest,
  CALL_FUNCTION_PATH,
  classifyReply,
  type CallerIdentity,
  type CallFunctionReplyBody,
} from '../../emulator/gateway/protocol'

export type Identity = CallerIdentity

/** The gateway's answer, as wx.cloud.callFunction resolves or rejects. */
export interface GatewayReply<T = unknown> {
  status: number
  body: CallFunctionReplyBody<T>
}

export async function callGateway<T = unknown>(
  baseUrl: string,
  name: string,
  data: unknown,
  identity?: Identity,
): Promise<GatewayReply<T>> {
  const { headers, body } = buildCallRequest(name, data, identity)
  const res = await fetch(`${baseUrl}${CALL_FUNCTION_PATH}`, { method: 'POST', headers, body })
  return { status: res.status, body: (await res.json()) as GatewayReply<T>['body'] }
}

/** Calls one `bookcase` action as `identity` and returns its ApiResult. Throws if the call itself failed. */
export async function callBookcase<A extends ActionName>(
  baseUrl: string,
  identity: Identity | undefined,
  request: ApiRequest<A>,
): Promise<ApiResult<ActionData<A>>> {
  const reply = await callGateway<ApiResult<ActionData<A>>>(baseUrl, 'bookcase', request, identity)
  const outcome = classifyReply<ApiResult<ActionData<A>>>(reply.status, reply.body)
  if (!outcome.ok || outcome.result === undefined) throw new Error(`callFunction failed: ${JSON.stringify(reply.body)}`)
  return outcome.result
}
