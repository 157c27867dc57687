// The one error type the function throws on purpose. Anything else that escapes an action is a bug
// and is answered as INTERNAL by index.ts (logged with the request id, never shown raw to the client).
import type { ApiError, ErrorCode } from '../../../typings/api'

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'AppError'
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message }
  }
}

export const notFound = (what = 'not found') => new AppError('NOT_FOUND', what)
export const invalidArgument = (message: string) => new AppError('INVALID_ARGUMENT', message)
