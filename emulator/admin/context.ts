// What every admin action handler receives: the decoded request body and the emulator's parts.
import type { Database } from '../store/database'

export interface AdminRequest {
  action: string
  /** Body fields as the SDK sent them (strings still EJSON-encoded). */
  body: Record<string, unknown>
  requestId: string
}

/** A handler returns the reply fields besides requestId (`{data: ...}` or top-level ones). */
export type ActionHandler = (request: AdminRequest) => Promise<Record<string, unknown>>

export interface DatabaseDeps {
  db: Database
}
