// wx.cloud for page tests: callFunction goes over real HTTP to the emulator's client gateway as the
// current test reader, and resolves or rejects exactly as wx.cloud.callFunction does. Node's `http`
// is used because the jsdom environment has no fetch (tests/support/gateway.ts's nodeHttpTransport).
// wx.cloud.database() is the preview's own client builder (emulator/client-db/client.ts) over the same transport.
import { nodeHttpTransport } from './gateway'
import { createClientDatabase } from '../../emulator/client-db/client'
import type { ActionData, ActionName, ApiRequest, ApiResult } from '../../typings/api'
import { buildCallRequest, CALL_FUNCTION_PATH, callOk, classifyReply, unreachable, type CallOutcome } from '../../emulator/gateway/protocol'

export interface WxCloudBridge {
  /** Which reader the next calls come from; undefined sends no identity at all. */
  setOpenid(openid: string | undefined): void
  /** Points the bridge at another gateway (e.g. a stopped emulator, for the offline state). */
  setBaseUrl(url: string): void
  /** Every call made so far: function name and data, in order. */
  readonly calls: { name: string; data: Record<string, unknown> }[]
  /** Calls sent but not yet answered. */
  pending(): number
}

interface CallFunctionParam {
  name: string
  data?: Record<string, unknown>
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}

/** jsdom has no fetch: calls go over node:http. */
const post = nodeHttpTransport()

/** POSTs one call to the gateway as `openid` (no identity header when undefined) and classifies the answer. */
async function postCall<T>(baseUrl: string, openid: string | undefined, name: string, data: unknown): Promise<CallOutcome<T> & { text: string }> {
  const { headers, body } = buildCallRequest(name, data, openid === undefined ? undefined : { openid })
  const reply = await post(`${baseUrl}${CALL_FUNCTION_PATH}`, headers, body)
  let parsed: unknown
  try {
    parsed = JSON.parse(reply.text)
  } catch {
    parsed = undefined
  }
  return { ...classifyReply<T>(reply.status, parsed), text: reply.text }
}

/**
 * One `bookcase` call as `openid`, for setting up and checking state around a page test (the
 * pages themselves always go through wx.cloud). Throws when the call itself fails.
 */
export async function callAs<A extends ActionName>(
  baseUrl: string,
  openid: string | undefined,
  request: ApiRequest<A>,
): Promise<ApiResult<ActionData<A>>> {
  const outcome = await postCall<ApiResult<ActionData<A>>>(baseUrl, openid, 'bookcase', request)
  if (!outcome.ok || outcome.result === undefined) throw new Error(`call failed: ${outcome.text}`)
  return outcome.result
}

/** Like callAs, for a call that must succeed: its data, or a thrown error naming the failure. */
export async function dataAs<A extends ActionName>(baseUrl: string, openid: string, request: ApiRequest<A>): Promise<ActionData<A>> {
  const result = await callAs(baseUrl, openid, request)
  if (!result.ok) throw new Error(`${request.action} failed: ${JSON.stringify(result.error)}`)
  return result.data
}

/** Installs `wx.cloud` on the global `wx` (which miniprogram-simulate created) and returns its controls. */
export function installWxCloud(baseUrl: string, openid: string | undefined): WxCloudBridge {
  let url = baseUrl
  let currentOpenid = openid
  let inFlight = 0
  const calls: WxCloudBridge['calls'] = []

  async function callOnce(name: string, data: Record<string, unknown>): Promise<unknown> {
    let outcome: CallOutcome
    try {
      outcome = await postCall(url, currentOpenid, name, data)
    } catch (error) {
      throw unreachable(error)
    }
    if (!outcome.ok) throw { errCode: outcome.errCode, errMsg: outcome.errMsg }
    return callOk(outcome.result, outcome.requestID)
  }

  // wx.cloud.database(): the preview's own client builder, over node:http, as the current test reader.
  const database = createClientDatabase((path, headers, body) => post(`${url}${path}`, headers, body), () => currentOpenid)
  const cloud = {
    init() {},
    database: () => database,
    callFunction(param: CallFunctionParam): Promise<unknown> {
      const data = param.data ?? {}
      calls.push({ name: param.name, data })
      inFlight++
      const promise = callOnce(param.name, data).finally(() => inFlight--)
      promise.then(
        (res) => {
          param.success?.(res)
          param.complete?.(res)
        },
        (err) => {
          param.fail?.(err)
          param.complete?.(err)
        },
      )
      return promise
    },
  }
  ;(globalThis as unknown as { wx: Record<string, unknown> }).wx.cloud = cloud

  return {
    setOpenid: (next) => (currentOpenid = next),
    setBaseUrl: (next) => (url = next),
    calls,
    pending: () => inFlight,
  }
}
