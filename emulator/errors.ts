// The platform's error vocabulary. The admin API answers errors as HTTP 200 with
// `{requestId, code, message}`; wx-server-sdk maps the string `code` to its numeric errCode
// (table in reference/cloudbase-protocol.md §2.4), so handlers only ever throw a PlatformError.

export type PlatformCode =
  | 'SYS_ERR'
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'STORAGE_REQUEST_FAIL'
  | 'STORAGE_FILE_NONEXIST'
  | 'FUNCTIONS_REQUEST_FAIL'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTIONS_TIME_LIMIT_EXCEEDED'
  | 'FUNCTIONS_NOT_FOUND'

export class PlatformError extends Error {
  constructor(
    readonly code: PlatformCode,
    message: string,
  ) {
    super(message)
  }
}

export const collectionNotExist = (name: string) =>
  // Message text as the research prototype answered; the real cloud's wording is UNVERIFIED.
  new PlatformError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}`)

export const invalidParam = (message: string) => new PlatformError('INVALID_PARAM', message)

/** Anything a handler throws becomes a PlatformError; unexpected ones are SYS_ERR. */
export function toPlatformError(error: unknown): PlatformError {
  if (error instanceof PlatformError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new PlatformError('SYS_ERR', message)
}
