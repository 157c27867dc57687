// database.* actions of the wire protocol (emulator/README.md, "Database actions"): decode the
// request's EJSON fields, limits and projection into the store's typed requests, and answer in the
// shapes the SDK reads. The store does the rest (update semantics, upserts, aggregation).
import { invalidParam } from '../errors'
import type { Database } from '../store/database'
import type { Doc, SortSpec } from '../store/types'
import type { ActionHandler, AdminRequest } from './context'
import { decode, decodeObject, encodeDoc } from './wire'

/** Platform limits: a query returns 100 documents unless asked, never more than 1000. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

const str = (body: Record<string, unknown>, key: string): string => {
  const value = body[key]
  if (typeof value !== 'string' || value === '') throw invalidParam(`${key} is required`)
  return value
}
const txOf = (body: Record<string, unknown>) =>
  typeof body.transactionId === 'string' && body.transactionId !== '' ? body.transactionId : undefined

function sortSpec(order: Doc): SortSpec {
  return Object.entries(order).map(([field, dir]) => [field, Number(dir) < 0 ? -1 : 1])
}

/**
 * `field({a:true, b:false})` sends a mixed projection, which MongoDB refuses. What the real cloud does
 * is UNVERIFIED; we keep the inclusions (and an explicit `_id: 0`), the reading most likely meant.
 */
function projectionOf(text: unknown): Doc | undefined {
  const projection = decodeObject(text)
  const entries = Object.entries(projection)
  if (entries.length === 0) return undefined
  const includes = entries.some(([k, v]) => k !== '_id' && (typeof v === 'object' || Number(v) !== 0))
  if (!includes) return projection
  return Object.fromEntries(entries.filter(([k, v]) => k === '_id' || typeof v === 'object' || Number(v) !== 0))
}

function limitOf(value: unknown): number {
  const n = Number(value)
  if (value === undefined || value === null || !Number.isFinite(n) || n <= 0) return DEFAULT_LIMIT
  return Math.min(Math.floor(n), MAX_LIMIT)
}

/**
 * The SDK's update dialect as MongoDB operators: a plain field is a `$set` (what the SDK itself would
 * send), and `addToSet({each: [...]})` arrives as `{$addToSet: {f: {each: [...]}}}` (no `$`), meaning
 * "add each" (emulator/README.md, "Database actions").
 */
function updateOperators(data: Doc): Doc {
  const out: Doc = {}
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith('$')) {
      out.$set = { ...((out.$set as Doc) ?? {}), [key]: value }
      continue
    }
    if (key === '$addToSet' && value && typeof value === 'object') {
      const fields: Doc = {}
      for (const [field, arg] of Object.entries(value as Doc)) {
        const each = arg && typeof arg === 'object' && !Array.isArray(arg) && Object.keys(arg).length === 1 ? (arg as Doc).each : undefined
        fields[field] = Array.isArray(each) ? { $each: each } : arg
      }
      out.$addToSet = fields
    } else out[key] = value
  }
  return out
}

export function databaseActions(db: Database): Record<string, ActionHandler> {
  const getDocument: ActionHandler = async ({ body }) => {
    const request = {
      collection: str(body, 'collectionName'),
      filter: decodeObject(body.query),
      sort: sortSpec(decodeObject(body.order)),
      skip: Math.max(0, Number(body.offset) || 0),
      limit: limitOf(body.limit),
      projection: projectionOf(body.projection),
    }
    // Stored documents are never changed in place, so encoding after the read still shows one view.
    const list = (await db.find(txOf(body), request)).map(encodeDoc)
    return { data: { list, limit: request.limit, offset: request.skip } }
  }

  const calculateDocument: ActionHandler = async ({ body }) => {
    const total = await db.count(txOf(body), { collection: str(body, 'collectionName'), filter: decodeObject(body.query) })
    return { data: { total } }
  }

  const insertDocument: ActionHandler = async ({ body }) => {
    const collection = str(body, 'collectionName')
    const raw = Array.isArray(body.data) ? body.data : [body.data]
    const docs = raw.map((item) => {
      const doc = typeof item === 'string' ? decode(item) : item
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalidParam('data must be documents')
      return doc as Doc
    })
    // A batch is all or nothing here. Whether the real cloud keeps the documents before the failing
    // one is UNVERIFIED.
    return { data: { insertedIds: await db.insert(txOf(body), { collection, docs }) } }
  }

  const modifyDocument: ActionHandler = async ({ body }) => {
    const replace = body.merge === false
    const data = decodeObject(body.data)
    const { updated, upsertedId } = await db.update(txOf(body), {
      collection: str(body, 'collectionName'),
      filter: decodeObject(body.query),
      data: replace ? data : updateOperators(data),
      multi: body.multi === true,
      upsert: body.upsert === true,
      replace,
    })
    return { data: upsertedId === undefined ? { updated } : { updated, upsert_id: upsertedId } }
  }

  const removeDocument: ActionHandler = async ({ body }) => {
    // `coll.remove()` without where() sends `query: ""`, read here as "every document"
    // (MongoDB's {}); the real cloud's answer to it is UNVERIFIED.
    const deleted = await db.remove(txOf(body), {
      collection: str(body, 'collectionName'),
      filter: decodeObject(body.query),
      multi: body.multi === true,
    })
    return { data: { deleted } }
  }

  const aggregateDocuments: ActionHandler = async ({ body }) => {
    const collection = str(body, 'collectionName')
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array')
    const pipeline = (body.stages as { stageKey: string; stageValue: string }[]).map(({ stageKey, stageValue }) => ({
      [stageKey]: decode(stageValue),
    }))
    const list = (await db.aggregate({ collection, pipeline })).map(encodeDoc)
    return { data: { list } }
  }

  const addCollection: ActionHandler = async ({ body }) => {
    const name = str(body, 'collectionName')
    if (!/^[A-Za-z][\w-]{0,63}$/.test(name)) throw invalidParam(`invalid collection name: ${name}`)
    await db.createCollection(name)
    return {}
  }

  const transactionId = (request: AdminRequest) => str(request.body, 'transactionId')

  return {
    'database.getDocument': getDocument,
    'database.calculateDocument': calculateDocument,
    'database.insertDocument': insertDocument,
    'database.modifyDocument': modifyDocument,
    'database.removeDocument': removeDocument,
    'database.aggregateDocuments': aggregateDocuments,
    'database.addCollection': addCollection,
    // startTransaction answers its id at the top level, not under `data` (emulator/README.md, "Replies").
    'database.startTransaction': async () => ({ transactionId: await db.startTransaction() }),
    'database.commitTransaction': async (r) => (await db.commitTransaction(transactionId(r)), {}),
    'database.abortTransaction': async (r) => (db.abortTransaction(transactionId(r)), {}),
  }
}
