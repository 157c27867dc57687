// wx.cloud.database() against the emulator's client database: a small query builder of our own, used by
// the preview's wx shim (bundled for the browser: nothing from Node here) and by the page-test bridge.
// Queries and update data are written as canonical EJSON, as wx-server-sdk writes them (emulator/README.md,
// "EJSON dialect"); db.command's update commands are flattened into MongoDB operators on the client, as
// the SDK flattens them, so the server sees one dialect. Answers settle as the client SDK's do.
import { IDENTITY_HEADERS } from '../gateway/protocol'
import { apiName, CLIENT_DATABASE_PATH, isFail, type ClientDbOk, type ClientDbReply, type ClientDbRequest } from './protocol'

/** POSTs one request's JSON body with `headers` to CLIENT_DATABASE_PATH; answers status and body text. */
export type ClientDbTransport = (path: string, headers: Record<string, string>, body: string) => Promise<{ status: number; text: string }>

export class ClientDbError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg)
  }
}

// ---- values: markers db.command and db.serverDate return -------------------------------------------

class QueryCommand {
  constructor(readonly ops: Record<string, unknown>) {}
  and(...others: QueryCommand[]): QueryCommand {
    return new QueryCommand(Object.assign({}, this.ops, ...others.map((o) => o.ops)))
  }
  or(...others: QueryCommand[]): FieldOr {
    return new FieldOr([this, ...others])
  }
}

/** A field-level or(): MongoDB has no such thing, so it becomes a top-level $or over the field. */
class FieldOr {
  constructor(readonly alternatives: QueryCommand[]) {}
}

/** A top-level and/or/nor over whole conditions. */
class LogicCommand {
  constructor(
    readonly op: '$and' | '$or' | '$nor',
    readonly conditions: Record<string, unknown>[],
  ) {}
}

class UpdateCommand {
  constructor(
    readonly op: string,
    readonly value: unknown,
  ) {}
}

class ServerDate {
  constructor(readonly offset: number) {}
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)

/** Canonical EJSON of a value: the types a client sends (dates, regexes, serverDate, non-finite numbers). */
function ejson(value: unknown): unknown {
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } }
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: value.flags } }
  if (value instanceof ServerDate) return { $tcb_server_date: { offset: value.offset } }
  if (typeof value === 'number' && !Number.isFinite(value)) return { $numberDouble: String(value) }
  if (Array.isArray(value)) return value.map(ejson)
  if (value instanceof QueryCommand || value instanceof FieldOr || value instanceof LogicCommand || value instanceof UpdateCommand) {
    throw new TypeError('a db.command cannot be used here')
  }
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ejson(v)]))
  return value
}

/** A where() condition as a MongoDB filter: nested objects become dotted paths, as the SDK writes them. */
function toFilter(condition: unknown): Record<string, unknown> {
  if (condition instanceof LogicCommand) return { [condition.op]: condition.conditions.map(toFilter) }
  if (!isPlain(condition)) throw new TypeError('where() takes an object')
  const out: Record<string, unknown> = {}
  const ors: Record<string, unknown>[] = []
  const walk = (object: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(object)) {
      const path = prefix + key
      if (value instanceof QueryCommand) out[path] = commandOps(value)
      else if (value instanceof FieldOr) ors.push({ $or: value.alternatives.map((alt) => ({ [path]: commandOps(alt) })) })
      else if (value instanceof LogicCommand) ors.push(toFilter(value))
      else if (isPlain(value) && Object.keys(value).length > 0) walk(value, `${path}.`)
      else out[path] = value
    }
  }
  walk(condition, '')
  return ors.length === 0 ? out : { $and: [out, ...ors] }
}

function commandOps(command: QueryCommand): Record<string, unknown> {
  return Object.fromEntries(Object.entries(command.ops).map(([op, v]) => [op, v instanceof QueryCommand ? commandOps(v) : v]))
}

/** update({data}) as MongoDB operators: plain fields are $set by dotted path, commands go to their operator. */
function toUpdate(data: unknown): Record<string, Record<string, unknown>> {
  if (!isPlain(data)) throw new TypeError('update data must be an object')
  const out: Record<string, Record<string, unknown>> = {}
  const put = (op: string, path: string, value: unknown) => ((out[op] ??= {})[path] = value)
  const walk = (object: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(object)) {
      const path = prefix + key
      if (value instanceof UpdateCommand) put(value.op, path, value.value)
      else if (isPlain(value) && Object.keys(value).length > 0) walk(value, `${path}.`)
      else put('$set', path, value)
    }
  }
  walk(data, '')
  return out
}

const list = (args: unknown[]): unknown[] => (args.length === 1 && Array.isArray(args[0]) ? args[0] : args)

function pushArg(value: unknown): unknown {
  if (Array.isArray(value)) return { $each: value }
  if (isPlain(value) && Array.isArray(value.each)) {
    const { each, position, sort, slice } = value
    return Object.fromEntries(Object.entries({ $each: each, $position: position, $sort: sort, $slice: slice }).filter(([, v]) => v !== undefined))
  }
  return { $each: [value] }
}

function logic(op: '$and' | '$or' | '$nor', args: unknown[]): QueryCommand | FieldOr | LogicCommand {
  const items = list(args)
  if (items.every((i) => i instanceof QueryCommand)) {
    const commands = items as QueryCommand[]
    if (op === '$and') return commands[0].and(...commands.slice(1))
    if (op === '$or') return new FieldOr(commands)
  }
  return new LogicCommand(op, items as Record<string, unknown>[])
}

const q = (op: string) => (value: unknown) => new QueryCommand({ [op]: value })
const u = (op: string) => (value: unknown) => new UpdateCommand(op, value)

export const command = {
  eq: q('$eq'),
  neq: q('$ne'),
  gt: q('$gt'),
  gte: q('$gte'),
  lt: q('$lt'),
  lte: q('$lte'),
  in: q('$in'),
  nin: q('$nin'),
  exists: q('$exists'),
  size: q('$size'),
  all: q('$all'),
  mod: q('$mod'),
  elemMatch: (condition: unknown) => new QueryCommand({ $elemMatch: toFilter(condition) }),
  not: (cmd: QueryCommand) => new QueryCommand({ $not: cmd }),
  and: (...args: unknown[]) => logic('$and', args),
  or: (...args: unknown[]) => logic('$or', args),
  nor: (...args: unknown[]) => logic('$nor', args),
  set: u('$set'),
  remove: () => new UpdateCommand('$unset', ''),
  inc: u('$inc'),
  mul: u('$mul'),
  min: u('$min'),
  max: u('$max'),
  rename: u('$rename'),
  push: (...args: unknown[]) => new UpdateCommand('$push', pushArg(args.length > 1 ? args : args[0])),
  pull: (value: unknown) => new UpdateCommand('$pull', value instanceof QueryCommand ? commandOps(value) : isPlain(value) ? toFilter(value) : value),
  pullAll: u('$pullAll'),
  addToSet: (value: unknown) => new UpdateCommand('$addToSet', isPlain(value) && Array.isArray(value.each) ? { $each: value.each } : value),
  pop: () => new UpdateCommand('$pop', 1),
  shift: () => new UpdateCommand('$pop', -1),
  unshift: (...args: unknown[]) => new UpdateCommand('$push', { $each: list(args), $position: 0 }),
}

// ---- answers ----------------------------------------------------------------------------------------

/** Relaxed EJSON back to values: dates, regexes and non-finite numbers. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive)
  if (value === null || typeof value !== 'object') return value
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  if (keys.length === 1) {
    const inner = obj[keys[0]] as Record<string, unknown> | string
    if (keys[0] === '$date') return new Date(typeof inner === 'string' ? inner : Number((inner as Record<string, unknown>).$numberLong))
    if (keys[0] === '$numberDouble' || keys[0] === '$numberLong' || keys[0] === '$numberInt') return Number(inner)
    if (keys[0] === '$regularExpression' && typeof inner === 'object') return new RegExp(String(inner.pattern), String(inner.options))
  }
  return Object.fromEntries(keys.map((k) => [k, revive(obj[k])]))
}

// ---- the builder ------------------------------------------------------------------------------------

export type Document = Record<string, unknown>

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void }

export function createClientDatabase(transport: ClientDbTransport, openid: () => string | undefined) {
  /** `build` runs inside the promise, so bad arguments (a query command in update data…) reject, as the SDK's calls do. */
  async function send<T extends ClientDbOk = ClientDbOk>(build: () => ClientDbRequest, callbacks: Callbacks = {}): Promise<T> {
    const promise = (async () => {
      const request = build()
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      const who = openid()
      if (who !== undefined) headers[IDENTITY_HEADERS.openid] = who
      let reply: { status: number; text: string }
      try {
        reply = await transport(CLIENT_DATABASE_PATH, headers, JSON.stringify(request))
      } catch (error) {
        throw new ClientDbError(-1, `${apiName(request)}:fail ${error instanceof Error ? error.message : String(error)}`)
      }
      let body: ClientDbReply
      try {
        body = revive(JSON.parse(reply.text)) as ClientDbReply
      } catch {
        throw new ClientDbError(-1, `${apiName(request)}:fail HTTP ${reply.status}`)
      }
      if (reply.status !== 200) throw new ClientDbError(-1, `${apiName(request)}:fail HTTP ${reply.status} ${(body as { error?: string }).error ?? ''}`)
      if (isFail(body)) throw new ClientDbError(body.errCode, body.errMsg)
      return body as T
    })()
    promise.then(
      (res) => {
        callbacks.success?.(res)
        callbacks.complete?.(res)
      },
      (err) => {
        callbacks.fail?.(err)
        callbacks.complete?.(err)
      },
    )
    return promise
  }

  const text = (value: unknown) => JSON.stringify(ejson(value))

  interface QueryState {
    collection: string
    query?: Record<string, unknown>
    order: [string, 'asc' | 'desc'][]
    skip?: number
    limit?: number
    field?: Record<string, boolean>
  }

  const makeQuery = (state: QueryState) => {
    const base = (): ClientDbRequest => ({ collection: state.collection, op: 'get', ...(state.query ? { query: text(state.query) } : {}) })
    return {
      where: (condition: unknown) => makeQuery({ ...state, query: toFilter(condition) }),
      orderBy: (field: string, direction: 'asc' | 'desc') => makeQuery({ ...state, order: [...state.order, [field, direction]] }),
      skip: (n: number) => makeQuery({ ...state, skip: n }),
      limit: (n: number) => makeQuery({ ...state, limit: n }),
      field: (projection: Record<string, boolean>) => makeQuery({ ...state, field: projection }),
      get: (callbacks?: Callbacks) =>
        send<ClientDbOk & { data: Document[] }>(
          () => ({
            ...base(),
            ...(state.order.length ? { order: state.order } : {}),
            ...(state.skip !== undefined ? { skip: state.skip } : {}),
            ...(state.limit !== undefined ? { limit: state.limit } : {}),
            ...(state.field ? { field: state.field } : {}),
          }),
          callbacks,
        ),
      count: (callbacks?: Callbacks) => send(() => ({ ...base(), op: 'count' }), callbacks),
      update: (options: { data: unknown } & Callbacks) => send(() => ({ ...base(), op: 'update', data: text(toUpdate(options.data)) }), options),
      remove: (callbacks?: Callbacks) => send(() => ({ ...base(), op: 'remove' }), callbacks),
    }
  }

  const doc = (collection: string, id: string) => ({
    get: (callbacks?: Callbacks) => send<ClientDbOk & { data: Document }>(() => ({ collection, op: 'get', docId: id }), callbacks),
    update: (options: { data: unknown } & Callbacks) => send(() => ({ collection, op: 'update', docId: id, data: text(toUpdate(options.data)) }), options),
    set: (options: { data: unknown } & Callbacks) => send(() => ({ collection, op: 'set', docId: id, data: text(options.data) }), options),
    remove: (callbacks?: Callbacks) => send(() => ({ collection, op: 'remove', docId: id }), callbacks),
  })

  return {
    command,
    serverDate: (options: { offset?: number } = {}) => new ServerDate(options.offset ?? 0),
    RegExp: (options: { regexp: string; options?: string }) => new RegExp(options.regexp, options.options ?? ''),
    collection: (name: string) => ({
      ...makeQuery({ collection: name, order: [] }),
      doc: (id: string) => doc(name, id),
      add: (options: { data: unknown } & Callbacks) => send(() => ({ collection: name, op: 'add', data: text(options.data) }), options),
    }),
  }
}

export type ClientDatabase = ReturnType<typeof createClientDatabase>
