// What every admin action handler receives and returns.

export interface AdminRequest {
  action: string
  /** Body fields as the SDK sent them (strings still EJSON-encoded). */
  body: Record<string, unknown>
  requestId: string
}

/** A handler returns the reply fields besides requestId (`{data: ...}` or top-level ones). */
export type ActionHandler = (request: AdminRequest) => Promise<Record<string, unknown>>
