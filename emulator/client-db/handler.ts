// POST /client/database: what wx.cloud.database() reaches locally (browser preview, page tests). The wire
// shape is ./protocol; here a request is validated, authorized against its collection's permission
// (./authorize) and run through the store's typed requests. A malformed request is a 400 and never
// reaches the store; a refused or failed operation is an HTTP 200 with the client SDK's errCode.
import type { IncomingMessage, ServerResponse } from 'http'
import { headerValue } from '../http/headers'
import { z } from 'zod'
import { decodeObject, encodeDoc } from '../admin/wire'
import { HttpError, PlatformError } from '../errors'
import { IDENTITY_HEADERS } from '../gateway/protocol'
import type { RequestLog } from '../request-log'
import { readJson, sendText } from '../server'
import type { Database } from '../store/database'
import type { Doc } from '../store/types'
import { authorize, type DocumentReader } from './authorize'
import type { Access, Permissions } from './permissions'
import { apiName, CLIENT_MAX_LIMIT, fail, isFail, ok, OPERATIONS, PERMISSION_DENIED, type ClientDbReply, type ClientDbRequest } from './protocol'

/** A client document may hold up to 16 MB on the platform; a request body beyond 4 MB is refused. */
const MAX_BODY_BYTES = 4 * 1024 * 1024

// A field path never starts with `$`: that would be an operator where the store expects a field.
const fieldPath = z.string().min(1).max(1024).regex(/^[^$]/, 'a field path cannot start with $')
const requestSchema = z.strictObject({
  collection: z.string().regex(/^[A-Za-z][\w-]{0,63}$/),
  op: z.enum(OPERATIONS),
  docId: z.string().min(1).max(1024).optional(),
  query: z.string().max(MAX_BODY_BYTES).optional(),
  order: z.array(z.tuple([fieldPath, z.enum(['asc', 'desc'])])).max(32).optional(),
  skip: z.number().int().min(0).max(1e9).optional(),
  limit: z.number().int().min(0).max(1e9).optional(),
  field: z.record(fieldPath, z.boolean()).optional(),
  data: z.string().max(MAX_BODY_BYTES).optional(),
})

/** The update operators a client may send (MongoDB's; what db.command's update commands become). */
const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop'])

/** The placeholder the platform replaces with the caller's openid in a query's plain field values. */
const OPENID_PLACEHOLDER = '{openid}'

// errCode and text per store failure, as wx-server-sdk maps the same codes (emulator/README.md, "Error codes").
const FAILURES: Record<string, [number, string]> = {
  INVALID_PARAM: [-501007, 'invalid parameters'],
  DATABASE_REQUEST_FAILED: [-502001, 'database request fail'],
  DATABASE_COLLECTION_NOT_EXIST: [-502005, 'database collection not exists'],
}

class Denied extends Error {}

/** The request, checked field by field; anything else is a 400 naming what is wrong. */
function parseRequest(body: unknown): ClientDbRequest {
  const parsed = requestSchema.safeParse(body)
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '))
  const request = parsed.data
  const needsData = request.op === 'add' || request.op === 'update' || request.op === 'set'
  if (needsData !== (request.data !== undefined)) throw new HttpError(400, `data is ${needsData ? 'required' : 'not allowed'} for ${request.op}`)
  if ((request.op === 'add' || request.op === 'count') && request.docId !== undefined) throw new HttpError(400, `${request.op} takes no docId`)
  if (request.op === 'set' && request.docId === undefined) throw new HttpError(400, 'set needs a docId')
  if (request.docId !== undefined && request.query !== undefined) throw new HttpError(400, 'doc(id) calls take no query')
  if ((request.op === 'update' || request.op === 'remove') && request.docId === undefined && request.query === undefined) {
    throw new HttpError(400, `collection.${request.op} needs where()`)
  }
  const queryOnly = request.op === 'get' && request.docId === undefined
  if (!queryOnly && (request.order || request.skip !== undefined || request.limit !== undefined || request.field)) {
    throw new HttpError(400, `orderBy/skip/limit/field apply to where().get() only`)
  }
  return request
}

/** An EJSON field as a document; malformed EJSON is a 400, as a malformed body is. */
function decodeField(text: string | undefined, name: string): Doc {
  try {
    return decodeObject(text)
  } catch (error) {
    if (error instanceof PlatformError) throw new HttpError(400, `${name}: ${error.message}`)
    throw error
  }
}

/** Replaces the placeholder in plain field values, at the top level and in a top-level $and (what where() writes). */
function withPlaceholder(filter: Doc, openid: string | undefined): Doc {
  const out: Doc = {}
  for (const [key, value] of Object.entries(filter)) {
    if (value === OPENID_PLACEHOLDER && openid === undefined) throw new Denied()
    if (key === '$and' && Array.isArray(value)) {
      out[key] = value.map((part: unknown) => (part && typeof part === 'object' && !Array.isArray(part) ? withPlaceholder(part as Doc, openid) : part))
    } else out[key] = value === OPENID_PLACEHOLDER ? openid : value
  }
  return out
}

function checkUpdate(data: Doc): Doc {
  for (const [op, fields] of Object.entries(data)) {
    if (!UPDATE_OPERATORS.has(op)) throw new HttpError(400, `data: unknown update operator ${op}`)
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw new HttpError(400, `data: ${op} takes an object of fields`)
    // The platform never lets a client set or change _openid (emulator/README.md, "Client database"); refused as a permission.
    const touches = (path: unknown) => typeof path === 'string' && (path === '_openid' || path.startsWith('_openid.'))
    if (Object.keys(fields).some(touches) || (op === '$rename' && Object.values(fields).some(touches))) throw new Denied()
  }
  if (Object.keys(data).length === 0) throw new HttpError(400, 'data: an update needs at least one field')
  return data
}

function checkDocument(data: Doc): Doc {
  if (Object.keys(data).some((k) => k.startsWith('$'))) throw new HttpError(400, 'data: a document cannot hold operators at its top level')
  return data
}

/** field({a: true, b: false}): MongoDB refuses a mixed projection; as /admin does, the inclusions win. */
function projection(field: Record<string, boolean> | undefined): Doc | undefined {
  if (!field || Object.keys(field).length === 0) return undefined
  const entries = Object.entries(field)
  const includes = entries.some(([k, v]) => v && k !== '_id')
  return Object.fromEntries(entries.filter(([k, v]) => !includes || v || k === '_id').map(([k, v]) => [k, v ? 1 : 0]))
}

export function clientDatabaseHandler(db: Database, permissions: Permissions, requests: RequestLog) {
  const readOne: DocumentReader = async (collection, id) => {
    try {
      return (await db.find(undefined, { collection, filter: { _id: id }, limit: 1 }))[0] ?? null
    } catch {
      return null
    }
  }

  async function run(request: ClientDbRequest, openid: string | undefined): Promise<ClientDbReply> {
    const api = apiName(request)
    const { collection, op, docId } = request
    const permission = permissions.of(collection)
    const filter = docId !== undefined ? { _id: docId } : withPlaceholder(decodeField(request.query, 'query'), openid)
    const allow = async (access: Access, data?: Doc) => {
      const decision = await authorize(permission, { access, openid, filter, data }, readOne)
      if (!decision.allowed) throw new Denied()
      return decision.filter
    }
    switch (op) {
      case 'get': {
        const scoped = await allow('read')
        if (docId !== undefined) {
          const [doc] = await db.find(undefined, { collection, filter: scoped, limit: 1 })
          // errCode and wording of a missing document are UNVERIFIED.
          if (!doc) return fail(api, -502004, 'document not exists', `document with _id ${docId} does not exist`)
          return ok(api, { data: doc })
        }
        const limit = Math.min(request.limit || CLIENT_MAX_LIMIT, CLIENT_MAX_LIMIT)
        const sort = request.order?.map(([f, dir]): [string, 1 | -1] => [f, dir === 'desc' ? -1 : 1])
        const data = await db.find(undefined, { collection, filter: scoped, sort, skip: request.skip ?? 0, limit, projection: projection(request.field) })
        return ok(api, { data })
      }
      case 'count':
        return ok(api, { total: await db.count(undefined, { collection, filter: await allow('read') }) })
      case 'add': {
        if (openid === undefined) throw new Denied()
        // _openid is the caller's, whatever the client put there (emulator/README.md, "Client database").
        const doc = { ...checkDocument(decodeField(request.data, 'data')), _openid: openid }
        await allow('create', doc)
        const [id] = await db.insert(undefined, { collection, docs: [doc] })
        return ok(api, { _id: id })
      }
      case 'update': {
        const data = checkUpdate(decodeField(request.data, 'data'))
        const scoped = await allow('update', (data.$set as Doc | undefined) ?? {})
        const { updated } = await db.update(undefined, { collection, filter: scoped, data, multi: docId === undefined, upsert: false, replace: false })
        return ok(api, { stats: { updated } })
      }
      case 'set': {
        if (openid === undefined) throw new Denied()
        const doc: Doc = { ...checkDocument(decodeField(request.data, 'data')), _openid: openid }
        delete doc._id
        const exists = (await db.count(undefined, { collection, filter: { _id: docId } })) > 0
        if (!exists) {
          await allow('create', { ...doc, _id: docId })
          await db.insert(undefined, { collection, docs: [{ ...doc, _id: docId }] })
          return ok(api, { _id: docId, stats: { updated: 0, created: 1 } })
        }
        const scoped = await allow('update', doc)
        const { updated } = await db.update(undefined, { collection, filter: scoped, data: doc, multi: false, upsert: false, replace: true })
        return ok(api, { _id: docId, stats: { updated, created: 0 } })
      }
      case 'remove': {
        const removed = await db.remove(undefined, { collection, filter: await allow('delete'), multi: docId === undefined })
        return ok(api, { stats: { removed } })
      }
    }
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now()
    const request = parseRequest(await readJson(req, MAX_BODY_BYTES))
    const openid = headerValue(req, IDENTITY_HEADERS.openid)
    const api = apiName(request)
    let reply: ClientDbReply
    try {
      reply = await run(request, openid)
    } catch (error) {
      if (error instanceof HttpError) throw error
      if (error instanceof Denied) reply = fail(api, PERMISSION_DENIED, 'database permission denied', 'Permission denied')
      else if (error instanceof PlatformError && FAILURES[error.code]) reply = fail(api, ...FAILURES[error.code], error.message)
      else throw error
    }
    requests.add({
      kind: 'client-db',
      name: `${request.collection}.${request.op}`,
      target: openid ?? '(no identity)',
      ms: performance.now() - started,
      error: isFail(reply) ? reply.errMsg : undefined,
    })
    // Relaxed EJSON, so dates and regexes reach the client as such (client.ts revives them).
    sendText(res, 200, encodeDoc(reply), 'application/json; charset=utf-8')
  }
}
