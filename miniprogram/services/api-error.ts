// One error type for everything a call to the cloud function can end in: an `{ok:false}` answer,
// a call that never reached the function, or an answer that is not what the contract promises.
import type { ErrorCode } from '../../typings/api'

/** The function's codes, plus NETWORK for a call that failed before the function answered. */
export type ClientErrorCode = ErrorCode | 'NETWORK'

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

/** The reader-facing message for anything a page caught (an ApiCallError or a bug). */
export function userMessageOf(error: unknown): string {
  return error instanceof ApiCallError ? error.userMessage : USER_MESSAGES.INTERNAL
}

/** The error code of anything a page caught; INTERNAL for what is not an ApiCallError. */
export function codeOf(error: unknown): ClientErrorCode {
  return error instanceof ApiCallError ? error.code : 'INTERNAL'
}
