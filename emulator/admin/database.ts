// database.* actions of the wire protocol (reference §2): decode the EJSON fields, run them on the
// store, answer in the shapes the SDK reads.
import { aggregate, update as applyUpdate } from 'mingo'
import { ProcessingMode } from 'mingo'
import { setValue } from '../store/mingo-util'
import { invalidParam, PlatformError } from '../errors'
import type { Database, Writer } from '../store/database'
import { newDocId } from '../store/ids'
import { equalitiesOf } from '../store/planner'
import type { Doc, DocId, SortSpec } from '../store/types'
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
 * The SDK sends `addToSet({each: [...]})` as `{$addToSet: {f: {each: [...]}}}` (no `$`), meaning
 * "add each"; it becomes `$each`, deduplicated first because mingo (unlike MongoDB) keeps duplicates
 * within `$each` when the field is missing.
 */
function normalizeUpdate(data: Doc): Doc {
  const out: Doc = {}
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith('$')) {
      // A plain field in an update is a $set (what the SDK itself would send).
      out.$set = { ...((out.$set as Doc) ?? {}), [key]: value }
      continue
    }
    if (key === '$addToSet' && value && typeof value === 'object') {
      const fields: Doc = {}
      for (const [field, arg] of Object.entries(value as Doc)) {
        const each = arg && typeof arg === 'object' && !Array.isArray(arg) ? ((arg as Doc).each ?? (arg as Doc).$each) : undefined
        fields[field] = Array.isArray(each) ? { $each: dedupe(each) } : arg
      }
      out.$addToSet = fields
    } else out[key] = value
  }
  return out
}

function dedupe(values: unknown[]): unknown[] {
  const seen: unknown[] = []
  for (const v of values) if (!seen.some((s) => JSON.stringify(s) === JSON.stringify(v))) seen.push(v)
  return seen
}

/** The document an upsert creates: the query's equality fields, then the data. */
function upsertBase(filter: Doc): Doc {
  const base: Doc = {}
  for (const [field, value] of equalitiesOf(filter)) setValue(base, field, value)
  return base
}

/** Stores an updated document; an update may not change `_id`. */
function storeUpdated(writer: Writer, collection: string, before: Doc, after: Doc): void {
  if (after._id !== before._id) throw new PlatformError('DATABASE_REQUEST_FAILED', 'the _id field cannot be changed')
  writer.replace(collection, after)
}

export function databaseActions(db: Database): Record<string, ActionHandler> {
  const getDocument: ActionHandler = async ({ body }) => {
    const name = str(body, 'collectionName')
    const filter = decodeObject(body.query)
    const options = {
      sort: sortSpec(decodeObject(body.order)),
      skip: Math.max(0, Number(body.offset) || 0),
      limit: limitOf(body.limit),
      projection: projectionOf(body.projection),
    }
    // Encode while still inside the read: the page is a consistent view.
    const list = await db.read(txOf(body), () => db.collection(name).find(filter, options).map(encodeDoc))
    return { data: { list, limit: options.limit, offset: options.skip } }
  }

  const calculateDocument: ActionHandler = async ({ body }) => {
    const name = str(body, 'collectionName')
    const filter = decodeObject(body.query)
    const total = await db.read(txOf(body), () => db.collection(name).count(filter))
    return { data: { total } }
  }

  const insertDocument: ActionHandler = async ({ body }) => {
    const name = str(body, 'collectionName')
    const raw = Array.isArray(body.data) ? body.data : [body.data]
    const docs = raw.map((item) => {
      const doc = typeof item === 'string' ? decode(item) : item
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalidParam('data must be documents')
      return doc as Doc
    })
    // A batch is all or nothing here (a failed unique check undoes the whole batch). Whether the real
    // cloud keeps the documents before the failing one is UNVERIFIED.
    const insertedIds = await db.write(txOf(body), (w) =>
      docs.map((doc) => {
        const stored = { _id: doc._id ?? newDocId(), ...doc }
        w.insert(name, stored)
        return stored._id
      }),
    )
    return { data: { insertedIds } }
  }

  const modifyDocument: ActionHandler = async ({ body }) => {
    const name = str(body, 'collectionName')
    const filter = decodeObject(body.query)
    const data = decodeObject(body.data)
    const replace = body.merge === false
    const upsert = body.upsert === true
    const multi = body.multi === true
    return db.write(txOf(body), (w) => {
      const targets = db.collection(name).find(filter, { limit: multi ? Infinity : 1 })
      let updated = 0
      if (replace) {
        for (const before of targets) {
          storeUpdated(w, name, before, { ...data, _id: before._id })
          updated++
        }
      } else {
        const modifier = normalizeUpdate(data)
        for (const before of targets) {
          const after = structuredClone(before)
          // `updated` counts modified documents, as the research prototype does; whether the real
          // cloud counts matched or modified ones is UNVERIFIED.
          if (applyUpdate(after, modifier, [], undefined, { cloneMode: 'deep' }).length === 0) continue
          storeUpdated(w, name, before, after)
          updated++
        }
      }
      if (targets.length > 0 || !upsert) return { data: { updated } }
      const created = replace ? { ...upsertBase(filter), ...data } : upsertBase(filter)
      if (!replace) applyUpdate(created, normalizeUpdate(data), [], undefined, { cloneMode: 'deep' })
      created._id ??= newDocId()
      w.insert(name, created)
      return { data: { updated: 0, upsert_id: created._id } }
    })
  }

  const removeDocument: ActionHandler = async ({ body }) => {
    const name = str(body, 'collectionName')
    // `coll.remove()` without where() sends `query: ""`, read here as "every document"
    // (MongoDB's {}); the real cloud's answer to it is UNVERIFIED.
    const filter = decodeObject(body.query)
    const multi = body.multi === true
    return db.write(txOf(body), (w) => {
      const targets = db.collection(name).find(filter, { limit: multi ? Infinity : 1 })
      for (const doc of targets) w.remove(name, doc._id as DocId)
      return { data: { deleted: targets.length } }
    })
  }

  const aggregateDocuments: ActionHandler = async ({ body }) => {
    const name = str(body, 'collectionName')
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array')
    const pipeline = (body.stages as { stageKey: string; stageValue: string }[]).map(({ stageKey, stageValue }) => ({
      [stageKey]: decode(stageValue),
    }))
    const list = await db.read(undefined, () => {
      const collection = db.collection(name)
      // A leading $match is answered by the store (indexes) before the rest of the pipeline runs.
      const first = pipeline[0] as Record<string, unknown> | undefined
      const leadingMatch = first && '$match' in first && first.$match && typeof first.$match === 'object'
      const docs = leadingMatch ? collection.find(first.$match as Doc) : [...collection.docs.values()]
      const result = aggregate(docs, leadingMatch ? pipeline.slice(1) : pipeline, {
        // Stored documents are shared, so the pipeline works on copies.
        processingMode: ProcessingMode.CLONE_INPUT,
        collectionResolver: (other: string) => [...db.collection(other).docs.values()],
      })
      return result.map(encodeDoc)
    })
    return { data: { list } }
  }

  const addCollection: ActionHandler = async ({ body }) => {
    const name = str(body, 'collectionName')
    if (!/^[A-Za-z][\w-]{0,63}$/.test(name)) throw invalidParam(`invalid collection name: ${name}`)
    await db.write(undefined, (w) => {
      // Wording for an existing collection is UNVERIFIED.
      if (db.collections.has(name)) throw new PlatformError('DATABASE_REQUEST_FAILED', `[ResourceInUse] Table exist: ${name}`)
      w.createCollection(name)
    })
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
    // startTransaction answers its id at the top level, not under `data` (reference §2.3).
    'database.startTransaction': async () => ({ transactionId: await db.startTransaction() }),
    'database.commitTransaction': async (r) => (await db.commitTransaction(transactionId(r)), {}),
    'database.abortTransaction': async (r) => (db.abortTransaction(transactionId(r)), {}),
  }
}
