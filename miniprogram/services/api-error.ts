// One error type for everything a call to the cloud function can end in: an `{ok:false}` answer,
// a call that never reached the function, or an answer that is not what the contract promises.
import type { ErrorCode } from '../../typings/api'

/** The function's codes, plus the two ways a call can fail before the function answers: NETWORK (the
 * request never got through) and SERVICE_UNAVAILABLE (the platform refused or lost the call: no such
 * function, or it crashed or timed out). */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'SERVICE_UNAVAILABLE'

/** What the reader sees for each code. Pages may say something more specific in context. */
const USER_MESSAGES: Record<ClientErrorCode, string> = {
  INVALID_ARGUMENT: '输入的内容有误，请检查后重试',
  INVALID_ISBN: '这不是有效的 ISBN，请检查后重试',
  NOT_FOUND: '没有找到这本书',
  UNAUTHENTICATED: '无法确认你的微信身份，请重新打开小程序',
  UPSTREAM_UNAVAILABLE: '书目数据源暂时无法访问，可以手动填写',
  RATE_LIMITED: '查询太频繁，请稍后再试',
  INTERNAL: '服务出了点问题，请稍后重试',
  NETWORK: '网络不可用，请稍后重试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后重试',
}

export class ApiCallError extends Error {
  readonly code: ClientErrorCode
  /** Chinese, ready for a toast or an error state. */
  readonly userMessage: string

  constructor(code: ClientErrorCode, detail: string) {
    super(`${code}: ${detail}`)
    this.name = 'ApiCallError'
    this.code = code
    this.userMessage = USER_MESSAGES[code]
  }
}

/** -501000: the function does not exist (not deployed, wrong environment). */
const FUNCTION_NOT_FOUND = -501000
/** -504xxx: the function itself failed on the platform (crashed, timed out). */
const isFunctionFailure = (errCode: number) => errCode <= -504000 && errCode > -505000

/** What a rejected wx.cloud.callFunction ({errCode, errMsg}) means: the platform's own function
 * errors are the service being unavailable, not the reader's network. */
export function callFailureError(failure: unknown): ApiCallError {
  const { errCode, errMsg } = (failure ?? {}) as { errCode?: unknown; errMsg?: unknown }
  const detail = typeof errMsg === 'string' ? errMsg : String(failure)
  const platform = typeof errCode === 'number' && (errCode === FUNCTION_NOT_FOUND || isFunctionFailure(errCode))
  return new ApiCallError(platform ? 'SERVICE_UNAVAILABLE' : 'NETWORK', detail)
}

/** The reader-facing message for anything a page caught (an ApiCallError or a bug). */
export function userMessageOf(error: unknown): string {
  return error instanceof ApiCallError ? error.userMessage : USER_MESSAGES.INTERNAL
}

/** The error code of anything a page caught; INTERNAL for what is not an ApiCallError. */
export function codeOf(error: unknown): ClientErrorCode {
  return error instanceof ApiCallError ? error.code : 'INTERNAL'
}
