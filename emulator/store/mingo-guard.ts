// What mingo throws on a malformed query, update operand or pipeline is the request's fault, not the
// emulator's: the SDK sees DATABASE_REQUEST_FAILED (-502001), as for anything else the database
// refuses (emulator/README.md, "Error codes"). Only code that runs mingo on a request's input is
// guarded, so a bug elsewhere still surfaces as SYS_ERR.
import { PlatformError, requestFailed } from '../errors'

export function guarded<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof PlatformError) throw error
    throw requestFailed(error instanceof Error ? error.message : String(error))
  }
}
