// The emulator's one error hierarchy. Every error the emulator raises on purpose is an EmulatorError,
// and its class says how it leaves the process:
//   PlatformError → a wire-protocol failure `{requestId, code, message}` (admin API, HTTP 200), which
//                   wx-server-sdk maps to its numeric errCode (emulator/README.md, "Error codes");
//   HttpError     → an HTTP status with a JSON body `{error}` (gateway, storage, viewer, preview);
//   StartupError  → one line on stderr and exit code 1 (the CLI).
// Anything else that reaches a handler's edge is a bug: logged with its request id, answered as 500
// (or SYS_ERR on the wire).

export abstract class EmulatorError extends Error {
  override get name(): string {
    return this.constructor.name
  }
}

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

export class PlatformError extends EmulatorError {
  constructor(
    readonly code: PlatformCode,
    message: string,
  ) {
    super(message)
  }
}

export class HttpError extends EmulatorError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** A startup problem worth one line to the user, not a stack trace (the CLI prints its message only). */
export class StartupError extends EmulatorError {}

export const collectionNotExist = (name: string) =>
  // Message text as the research prototype answered; the real cloud's wording is UNVERIFIED.
  new PlatformError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}`)

export const invalidParam = (message: string) => new PlatformError('INVALID_PARAM', message)

/** A query or update the database refuses (MongoDB's semantics); the SDK sees DATABASE_REQUEST_FAILED. */
export const requestFailed = (message: string) => new PlatformError('DATABASE_REQUEST_FAILED', message)

/** Anything a wire handler throws becomes a PlatformError; unexpected ones are SYS_ERR. */
export function toPlatformError(error: unknown): PlatformError {
  if (error instanceof PlatformError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new PlatformError('SYS_ERR', message)
}
