// The plain-JSON wire format of wx-server-sdk 0.x–2.0.x (tcb-admin-node; emulator/README.md, "Older
// wx-server-sdk majors"). It reaches the emulator only through the admin-host proxy (http/admin-proxy.ts),
// so its action names never meet the current ones (both formats have a `database.deleteDocument`).
// Each legacy action is a translation around the current handler: the request's plain objects become
// the EJSON strings the current handlers decode ({"$date": ms} and {"$regex", "$options"} are EJSON v1,
// which bson reads), and the reply's documents go back as plain JSON with dates as {"$date": ms}, what
// @cloudbase/database 0.9 reads. Observed on wx-server-sdk 1.8.3 (tcb-admin-node 1.22.0); research notes:
// /work/shared/reference/files-import-and-rules.md §5.
import { EJSON } from 'bson'
import { invalidParam } from '../errors'
import type { ActionHandler, AdminRequest } from './context'

type Body = Record<string, unknown>

/** A plain-object field as the EJSON text the current handlers decode; absent is absent. */
function ejsonField(body: Body, key: string): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(`${key} must be an object`)
  return JSON.stringify(value)
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
    // The same shape in both formats (function_name, request_data → response_data).
    'functions.invokeFunction': (r) => call('functions.invokeFunction', r, {}),
  }
}
