// The plain-JSON wire format of wx-server-sdk 0.x–2.0.x (tcb-admin-node, @cloudbase/node-sdk 2.0 beta;
// emulator/README.md, "Older wx-server-sdk majors"). It reaches the emulator on a route of its own,
// /admin/legacy (0.x–1.x through the admin-host proxy, http/admin-proxy.ts; 2.0.x by TCB_CONTEXT_CNFG),
// so its action names never meet the current ones (both formats have a `database.deleteDocument`).
// Each legacy action is a translation around the current handler: the request's plain objects become
// the EJSON strings the current handlers decode ({"$date": ms} and {"$regex", "$options"} are EJSON v1,
// which bson reads), and the reply's documents go back as plain JSON with dates as {"$date": ms}, what
// @cloudbase/database 0.9 reads. Its transactions are a third dialect: `data` goes as an EJSON string
// and the reply's fields (`data`, `updated`, `deleted`, `inserted`) come back as EJSON strings at the top
// level. Observed on wx-server-sdk 1.8.3 (tcb-admin-node 1.22.0, @cloudbase/database 0.9.22); research
// notes: /work/shared/reference/files-import-and-rules.md §5.
import { EJSON } from 'bson'
import { invalidParam } from '../errors'
import type { ActionHandler, AdminRequest } from './context'
import { decode } from './wire'

type Body = Record<string, unknown>

/** `db.serverDate({offset})` is `{"$date": {"offset": n}}` here, `{"$tcb_server_date": {"offset": n}}` today. */
function serverDate(_key: string, value: unknown): unknown {
  const date = value && typeof value === 'object' ? (value as Body).$date : undefined
  if (date && typeof date === 'object' && Object.keys(value as Body).length === 1) return { $tcb_server_date: date }
  return value
}

/** A plain-object field as the EJSON text the current handlers decode; absent is absent. */
function ejsonField(body: Body, key: string): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(`${key} must be an object`)
  return JSON.stringify(value, serverDate)
}

/** `[{field, direction: 'asc'|'desc'}]` → the current format's `{field: 1|-1}`. */
function orderField(body: Body): string | undefined {
  const order = body.order
  if (order === undefined || order === null) return undefined
  if (!Array.isArray(order)) throw invalidParam('order must be an array')
  const spec: Record<string, number> = {}
  for (const item of order as unknown[]) {
    const { field, direction } = (item ?? {}) as { field?: unknown; direction?: unknown }
    if (typeof field !== 'string' || field === '' || (direction !== 'asc' && direction !== 'desc')) {
      throw invalidParam('order must be [{field, direction: "asc" | "desc"}]')
    }
    spec[field] = direction === 'desc' ? -1 : 1
  }
  return JSON.stringify(spec)
}

/** One stored document (a relaxed EJSON string from the current handler) as the legacy reply's plain object. */
const legacyDoc = (text: unknown) => EJSON.serialize(EJSON.parse(String(text), { relaxed: true }), { relaxed: true, legacy: true })

const dataOf = (reply: Record<string, unknown>) => (reply.data ?? {}) as Record<string, unknown>

/**
 * `database.aggregate`: stages as today ({stageKey, stageValue: JSON text}), but the reply's list is the
 * JSON text of the EJSON strings. @cloudbase/node-sdk 2.1–2.3 (wx-server-sdk 2.1.2–2.3.0) still sends
 * it, to /admin, beside the current actions; so /admin serves it too (`aggregateAction`).
 */
export function aggregateAction(current: Record<string, ActionHandler>): Record<string, ActionHandler> {
  return {
    'database.aggregate': async (r) => {
      const reply = await current['database.aggregateDocuments']({ ...r, action: 'database.aggregateDocuments' })
      return { data: { list: JSON.stringify(dataOf(reply).list) } }
    },
  }
}

/** A transaction's `data`: already an EJSON string. */
function ejsonText(body: Body, key: string): string {
  const value = body[key]
  if (typeof value !== 'string' || value === '') throw invalidParam(`${key} must be an EJSON string`)
  return value
}

export function legacyActions(current: Record<string, ActionHandler>): Record<string, ActionHandler> {
  /** Calls the current action with `body` rewritten; the envelope fields (wxCloudApiToken…) pass through. */
  const call = (action: string, request: AdminRequest, fields: Body) => current[action]({ ...request, action, body: { ...request.body, ...fields } })

  return {
    'database.addCollection': (r) => call('database.addCollection', r, {}),
    'database.queryDocument': async (r) => {
      const reply = await call('database.getDocument', r, {
        query: ejsonField(r.body, 'query'),
        order: orderField(r.body),
        projection: ejsonField(r.body, 'projection'),
      })
      const data = dataOf(reply)
      return { data: { ...data, list: (data.list as unknown[]).map(legacyDoc) } }
    },
    'database.countDocument': (r) => call('database.calculateDocument', r, { query: ejsonField(r.body, 'query') }),
    'database.addDocument': async (r) => {
      const reply = await call('database.insertDocument', r, { data: ejsonField(r.body, 'data') ?? '' })
      return { data: { _id: (dataOf(reply).insertedIds as string[])[0] } }
    },
    'database.updateDocument': async (r) => {
      const reply = await call('database.modifyDocument', r, { query: ejsonField(r.body, 'query'), data: ejsonField(r.body, 'data') ?? '' })
      const { updated, upsert_id: upserted } = dataOf(reply)
      return { data: upserted === undefined ? { updated } : { updated, upserted_id: upserted } }
    },
    'database.deleteDocument': (r) => call('database.removeDocument', r, { query: ejsonField(r.body, 'query') }),
    ...aggregateAction(current),
    // Transactions: start, commit and abort have the current shapes; the document calls do not.
    'database.startTransaction': (r) => call('database.startTransaction', r, {}),
    'database.commitTransaction': (r) => call('database.commitTransaction', r, {}),
    'database.abortTransaction': (r) => call('database.abortTransaction', r, {}),
    'database.getInTransaction': async (r) => {
      const reply = await call('database.getDocument', r, { query: ejsonField(r.body, 'query'), limit: 1 })
      const [doc] = dataOf(reply).list as string[]
      return { data: doc ?? 'null' }
    },
    'database.insertDocInTransaction': async (r) => {
      const doc = decode(ejsonText(r.body, 'data'))
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalidParam('data must be a document')
      const id = r.body._id
      if (id !== undefined && typeof id !== 'string') throw invalidParam('_id must be a string')
      await call('database.insertDocument', r, { data: [id === undefined ? doc : { ...doc, _id: id }] })
      return { inserted: '1', ok: '1' }
    },
    'database.updateDocInTransaction': async (r) => {
      // `set()` sends upsert: true and the whole document, which replaces; `update()` sends operators.
      const set = r.body.upsert === true
      const reply = await call('database.modifyDocument', r, { query: ejsonField(r.body, 'query'), data: ejsonText(r.body, 'data'), merge: !set, multi: false })
      const { updated, upsert_id: upserted } = dataOf(reply)
      // The shape of `upserted` (JSON text) is UNVERIFIED; the SDK only parses it.
      return upserted === undefined ? { updated: String(updated) } : { updated: String(updated), upserted: JSON.stringify([{ _id: upserted }]) }
    },
    'database.deleteDocInTransaction': async (r) => {
      const reply = await call('database.removeDocument', r, { query: ejsonField(r.body, 'query'), multi: false })
      return { deleted: String(dataOf(reply).deleted) }
    },
    // The same shape in both formats (function_name, request_data → response_data).
    'functions.invokeFunction': (r) => call('functions.invokeFunction', r, {}),
    // Storage has the current shapes; uploadFile then posts a COS form (storage/form-upload.ts).
    'storage.getUploadMetadata': (r) => call('storage.getUploadMetadata', r, {}),
    'storage.batchGetDownloadUrl': (r) => call('storage.batchGetDownloadUrl', r, {}),
    'storage.batchDeleteFile': (r) => call('storage.batchDeleteFile', r, {}),
  }
}
