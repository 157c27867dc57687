// Calls a cloud function the way wx.cloud.callFunction does, through the emulator's client gateway.
import http from 'http'
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

/** How a request reaches the gateway: POSTs `body` to `url` and answers the status and the body text. */
export type Transport = (url: string, headers: Record<string, string>, body: string) => Promise<{ status: number; text: string }>

/** Node's fetch (undici): what a script would use. */
export const fetchTransport: Transport = async (url, headers, body) => {
  const res = await fetch(url, { method: 'POST', headers, body })
  return { status: res.status, text: await res.text() }
}

/**
 * node:http: what the page tests use (jsdom has no fetch) and, over kept-alive connections, the
 * lightest client Node has, for benchmarks, where the load generator shares the machine's two cores
 * with the emulator (fetch costs about 1 ms of CPU a call more).
 */
export function nodeHttpTransport({ keepAlive = false, maxSockets = 64 } = {}): Transport {
  const agent = keepAlive ? new http.Agent({ keepAlive, maxSockets }) : undefined
  return (url, headers, body) =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(body)
    })
}

/** Kept-alive node:http, for benchmarks. */
export const keepAliveTransport = (maxSockets = 64): Transport => nodeHttpTransport({ keepAlive: true, maxSockets })

export async function callGateway<T = unknown>(
  baseUrl: string,
  name: string,
  data: unknown,
  identity?: Identity,
  transport: Transport = fetchTransport,
): Promise<GatewayReply<T>> {
  const { headers, body } = buildCallRequest(name, data, identity)
  const reply = await transport(`${baseUrl}${CALL_FUNCTION_PATH}`, headers, body)
  return { status: reply.status, body: JSON.parse(reply.text) as GatewayReply<T>['body'] }
}

/** Calls one `bookcase` action as `identity` and returns its ApiResult. Throws if the call itself failed. */
export async function callBookcase<A extends ActionName>(
  baseUrl: string,
  identity: Identity | undefined,
  request: ApiRequest<A>,
  transport?: Transport,
): Promise<ApiResult<ActionData<A>>> {
  const reply = await callGateway<ApiResult<ActionData<A>>>(baseUrl, 'bookcase', request, identity, transport)
  const outcome = classifyReply<ApiResult<ActionData<A>>>(reply.status, reply.body)
  if (!outcome.ok || outcome.result === undefined) throw new Error(`callFunction failed: ${JSON.stringify(reply.body)}`)
  return outcome.result
}
