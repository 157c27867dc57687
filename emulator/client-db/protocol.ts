// The client database's wire shape, declared once: the route wx.cloud.database() reaches locally, what
// one operation sends and what it answers. The handler (handler.ts), the client builder (client.ts, used
// by the preview's wx shim and the page-test bridge) and the tests all go through this file, so it
// imports nothing from Node: it is bundled into the browser runtime.
//
// Request:  POST CLIENT_DATABASE_PATH with a ClientDbRequest as JSON, the caller's identity in the
//           gateway's IDENTITY_HEADERS (no openid header: a caller who is not logged in, `auth == null`).
//           `query` and `data` are canonical EJSON strings (emulator/README.md, "EJSON dialect"), with
//           `data` of an update already in MongoDB's operator form (the client flattens it as the SDK does).
// Answer:   HTTP 200 with relaxed EJSON text, shaped as the client SDK settles (ClientDbOk / ClientDbFail);
//           a malformed request is an HTTP 400 with a JSON `{error}` body.

export const CLIENT_DATABASE_PATH = '/client/database'

/** The client's limit: a query answers at most 20 documents, and 20 when it names none (emulator/README.md, "Client database"). */
export const CLIENT_MAX_LIMIT = 20

export const OPERATIONS = ['get', 'count', 'add', 'update', 'set', 'remove'] as const
export type Operation = (typeof OPERATIONS)[number]

export interface ClientDbRequest {
  collection: string
  op: Operation
  /** doc(id).get/update/set/remove; absent for collection-level calls (where().get/update/remove, count, add). */
  docId?: string
  /** where(): an EJSON object. */
  query?: string
  /** orderBy() calls in order. */
  order?: [string, 'asc' | 'desc'][]
  skip?: number
  limit?: number
  /** field(): true includes, false excludes. */
  field?: Record<string, boolean>
  /** add: the document; set: the whole new document; update: MongoDB update operators. EJSON. */
  data?: string
}

/** The name the client SDK gives the call in errMsg: `collection.get`, `document.update`, … */
export function apiName(request: Pick<ClientDbRequest, 'op' | 'docId'>): string {
  return `${request.docId === undefined ? 'collection' : 'document'}.${request.op}`
}

export interface ClientDbOk {
  errMsg: string
  data?: unknown
  total?: number
  _id?: unknown
  stats?: { updated?: number; removed?: number; created?: number }
}

export interface ClientDbFail {
  errCode: number
  errMsg: string
}

export type ClientDbReply = ClientDbOk | ClientDbFail

/** errCode -502003 (DATABASE_PERMISSION_DENIED; emulator/README.md, "Client database"). */
export const PERMISSION_DENIED = -502003

export const ok = (api: string, fields: Omit<ClientDbOk, 'errMsg'>): ClientDbOk => ({ ...fields, errMsg: `${api}:ok` })

/** A rejected call, worded as the SDK words database failures: `<api>:fail <errCode> <text>. <message>`. */
export function fail(api: string, errCode: number, text: string, message?: string): ClientDbFail {
  return { errCode, errMsg: `${api}:fail ${errCode} ${text}${message ? `. ${message}` : ''}` }
}

export const isFail = (reply: ClientDbReply): reply is ClientDbFail => typeof (reply as ClientDbFail).errCode === 'number'
