// The only module that touches wx-server-sdk's database API. It smooths the SDK's loose types into a
// few typed calls; every filter it receives was built by domain code from validated values, and every
// write may name only the fields its collection declares (db/documents.ts).
import * as cloud from 'wx-server-sdk'
import { assertStoredFields, type CollectionName } from './documents'

type Database = ReturnType<typeof cloud.database>
/** A query value built with `command()` (db.command) or a plain scalar. */
export type Filter = Record<string, unknown>
export type Order = [field: string, direction: 'asc' | 'desc']

let database: Database | undefined

/** The database handle, made on first use (after platform.ts has run cloud.init). */
function db(): Database {
  database ??= cloud.database()
  return database
}

/** db.command: query and update operators (lt, gt, in, inc, remove, ...). */
export const command = () => db().command
/** A case-insensitive regular expression the database evaluates (the pattern must already be escaped). */
export const regExp = (pattern: string) => db().RegExp({ regexp: pattern, options: 'i' })

const collection = (name: CollectionName) => db().collection(name)

export interface FindOptions {
  orderBy?: Order[]
  limit?: number
  fields?: Record<string, true>
}

export async function find<T>(name: CollectionName, filter: Filter, options: FindOptions = {}): Promise<T[]> {
  let query = collection(name).where(filter)
  for (const [field, direction] of options.orderBy ?? []) query = query.orderBy(field, direction)
  if (options.fields) query = query.field(options.fields)
  const result = (await query.limit(options.limit ?? 100).get()) as unknown as { data: T[] }
  return result.data
}

export async function findOne<T>(name: CollectionName, filter: Filter): Promise<T | null> {
  const [first] = await find<T>(name, filter, { limit: 1 })
  return first ?? null
}

/** The values of the array field `field` across the matching documents, each with how many documents
 * carry it: most carried first, then by value, at most `limit`. One aggregation, so the database does
 * the counting however many documents match. */
export async function countArrayValues(
  name: CollectionName,
  filter: Filter,
  field: string,
  limit: number,
): Promise<{ value: unknown; count: number }[]> {
  const $ = command().aggregate
  const result = (await collection(name)
    .aggregate()
    .match(filter)
    .unwind(`$${field}`)
    .group({ _id: `$${field}`, count: $.sum(1) })
    .sort({ count: -1, _id: 1 })
    .limit(limit)
    .end()) as unknown as { list: { _id: unknown; count: number }[] }
  return result.list.map((row) => ({ value: row._id, count: row.count }))
}

export async function count(name: CollectionName, filter: Filter): Promise<number> {
  const result = (await collection(name).where(filter).count()) as { total: number }
  return result.total
}

/** Inserts one document; answers 'duplicate' when its `_id` (or a unique index) is already taken. */
export async function insert(name: CollectionName, document: { _id: string }): Promise<'inserted' | 'duplicate'> {
  assertStoredFields(name, document)
  try {
    await collection(name).add({ data: document })
    return 'inserted'
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'duplicate'
    // A request failure whose wording we do not recognise (the real cloud's text is not documented):
    // if the _id exists now, another call won the race.
    if (isRequestFailure(error) && (await count(name, { _id: document._id })) > 0) return 'duplicate'
    throw error
  }
}

/** Creates or replaces a whole document by `_id`. */
export async function put(name: CollectionName, id: string, document: Filter): Promise<void> {
  assertStoredFields(name, document)
  await collection(name).doc(id).set({ data: document })
}

/** Applies `data` (plain values and db.command update operators) to every matching document. */
export async function updateWhere(name: CollectionName, filter: Filter, data: Filter): Promise<number> {
  assertStoredFields(name, data)
  const result = (await collection(name).where(filter).update({ data })) as { stats: { updated: number } }
  return result.stats.updated
}

export async function removeWhere(name: CollectionName, filter: Filter): Promise<number> {
  const result = (await collection(name).where(filter).remove()) as { stats: { removed: number } }
  return result.stats.removed
}

const isRequestFailure = (error: unknown) => (error as { errCode?: unknown } | null)?.errCode === -502001

/** A unique-key violation, as CloudBase and the emulator report it (-502001, "E11000 duplicate key"). */
export function isDuplicateKeyError(error: unknown): boolean {
  const { errCode, message } = (error ?? {}) as { errCode?: unknown; message?: unknown }
  return (errCode === -502001 || errCode === undefined) && typeof message === 'string' && /E11000|duplicate key/i.test(message)
}

