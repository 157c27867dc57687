// The only place in the Mini Program that calls wx.cloud.callFunction. Typed from the contract in
// typings/: `call('getBook', { id })` resolves with exactly that action's data, or rejects with an
// ApiCallError whatever went wrong.
import type { ActionData, ActionName, ActionParams, ApiResult, FunctionName } from '../../typings/api'
import { ApiCallError, callFailureError } from './api-error'
import { noteShelfCall } from '../utils/owned-isbns'

const FUNCTION_NAME: FunctionName = 'bookcase'

function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

export async function call<A extends ActionName>(action: A, params: ActionParams<A>): Promise<ActionData<A>> {
  let reply: ICloud.CallFunctionResult
  try {
    reply = await wx.cloud.callFunction({ name: FUNCTION_NAME, data: { action, ...params } })
  } catch (failure) {
    throw callFailureError(failure)
  }
  const result = reply.result
  if (!isApiResult(result)) throw new ApiCallError('INTERNAL', `unexpected answer to ${action}`)
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message)
  const data = result.data as ActionData<A>
  // Every add, removal and import passes here, so the local "do I own it?" set stays in step.
  noteShelfCall(action, params, data)
  return data
}
