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

/** db.command.aggregate: the expressions and accumulators of aggregation stages ($sum, $substr, ...). */
export const aggregateCommand = () => command().aggregate

export interface GroupOptions {
  /** An array field to unwind before grouping (each element counts once per document). */
  unwind?: string
  sort?: Record<string, 1 | -1>
  limit?: number
}

/** One aggregation: the matching documents, grouped by `group` (a $group stage: `_id` and accumulators
 * built with aggregateCommand()), optionally sorted and capped. The database does the work, so the
 * answer stays small however many documents match. */
export async function groupWhere<T>(name: CollectionName, filter: Filter, group: Filter, options: GroupOptions = {}): Promise<T[]> {
  let pipeline = collection(name).aggregate().match(filter)
  if (options.unwind) pipeline = pipeline.unwind(`$${options.unwind}`)
  pipeline = pipeline.group(group)
  if (options.sort) pipeline = pipeline.sort(options.sort)
  if (options.limit !== undefined) pipeline = pipeline.limit(options.limit)
  const result = (await pipeline.end()) as unknown as { list: T[] }
  return result.list
}

/** The values of `field` across the matching documents, each with how many documents carry it: most
 * carried first, then by value, at most `limit`. An array field counts each of its elements. */
export async function countValues(
  name: CollectionName,
  filter: Filter,
  field: string,
  limit: number,
  { array = false }: { array?: boolean } = {},
): Promise<{ value: unknown; count: number }[]> {
  const rows = await groupWhere<{ _id: unknown; count: number }>(
    name,
    filter,
    { _id: `$${field}`, count: aggregateCommand().sum(1) },
    { unwind: array ? field : undefined, sort: { count: -1, _id: 1 }, limit },
  )
  return rows.map((row) => ({ value: row._id, count: row.count }))
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

/** Inserts documents in one request (the store takes a thousand at once in about the time of a few single
 * inserts). A taken `_id` or unique key refuses the batch: 'duplicate', and the caller settles the
 * documents one by one with insert(). The emulator refuses such a batch whole; whether the real cloud
 * keeps the documents before the failing one is unverified (emulator/README.md, "Unverified"), and
 * one-by-one inserts are right either way. */
export async function insertMany(name: CollectionName, documents: readonly { _id: string }[]): Promise<'inserted' | 'duplicate'> {
  if (documents.length === 0) return 'inserted'
  for (const document of documents) assertStoredFields(name, document)
  try {
    await collection(name).add({ data: [...documents] })
    return 'inserted'
  } catch (error) {
    if (isDuplicateKeyError(error) || isRequestFailure(error)) return 'duplicate'
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

