// The `bookcase` cloud function: one entry point for every action. It answers {ok: true, data} or
// {ok: false, error: {code, message}}, never a raw exception; unexpected errors are logged with the
// request id and answered as INTERNAL.
import type { ApiResult } from '../../../typings/api'
import { AppError } from './errors'
import { callerOpenId, initCloud, requestIdOf } from './platform'
import { route } from './router'

export async function main(event: unknown, context: unknown): Promise<ApiResult<unknown>> {
  try {
    initCloud()
    const openid = callerOpenId()
    if (!openid) throw new AppError('UNAUTHENTICATED', 'this function must be called from the Mini Program')
    return { ok: true, data: await route(event, { openid, now: new Date() }) }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toApiError() }
    console.error(`[bookcase] request ${requestIdOf(context)} failed:`, error)
    return { ok: false, error: { code: 'INTERNAL', message: `internal error (request ${requestIdOf(context)})` } }
  }
}
