// Why a whole import file could not be read (a bad row is skipped instead, never thrown).
export type ImportFileErrorCode = 'unknown_format' | 'too_large' | 'too_many_rows' | 'unreadable'

export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ImportFileError'
  }
}
