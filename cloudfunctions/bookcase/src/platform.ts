// What the function takes from the platform: cloud.init, the caller's identity and the request id.
// Identity comes only from cloud.getWXContext(), never from the event.
import * as cloud from 'wx-server-sdk'

let initialised = false

/** cloud.init once per warm instance, on whichever environment the function runs in. */
export function initCloud(): void {
  if (initialised) return
  // The typings only allow a string, but DYNAMIC_CURRENT_ENV (a symbol) is the documented value.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  initialised = true
}

export function callerOpenId(): string | undefined {
  const openid = cloud.getWXContext().OPENID
  return typeof openid === 'string' && openid.length > 0 ? openid : undefined
}

/** The invocation's request id (SCF passes it in the context), for logs. */
export function requestIdOf(context: unknown): string {
  const { request_id, requestId } = (context ?? {}) as { request_id?: unknown; requestId?: unknown }
  const id = request_id ?? requestId
  return typeof id === 'string' && id.length > 0 ? id : 'unknown'
}
