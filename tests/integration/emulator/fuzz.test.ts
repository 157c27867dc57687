// Nothing a request carries stops the emulator (emulator/README.md, "Security"): a few thousand random
// raw requests (targets, methods, Host / Origin / content-type / Sec-Fetch-Site headers, lying
// content-lengths, deep, truncated and plausible bodies) at every route of one running emulator (client storage included), over
// loopback sockets with short timeouts. After each batch it still answers /health; at the end a normal
// SDK call and a normal gateway call work and its output shows no crash.
import fc from 'fast-check'
import path from 'path'
import { connectSdk, ROOT, startEmulator, type EmulatorHandle } from '../../support/emulator'
import { callGateway } from '../../support/gateway'
import { exchange, type RawReply } from '../../support/raw-http'

const BATCHES = 30
const BATCH_SIZE = 100
const CONCURRENCY = 25
/** A request whose content-length promises more than it sends hangs until this. */
const LIE_TIMEOUT_MS = 300
/** An honest one is answered well within this, even by a function's cold start on a busy machine. */
const ANSWER_TIMEOUT_MS = 10_000

let emu: EmulatorHandle
beforeAll(async () => {
  emu = await startEmulator({ functionsDir: path.join(ROOT, 'tests/fixtures/functions'), preview: true, env: { BOOKCASE_PREVIEW_REBUILD: '0' } })
})
afterAll(async () => {
  await emu?.stop()
})

/** `usual` most of the time, so that most requests get past the guards to a handler; else one of `odd`. */
const mostly = <T>(usual: T, ...odd: T[]) => fc.oneof({ arbitrary: fc.constant(usual), weight: 6 }, { arbitrary: fc.constantFrom(...odd), weight: 1 })

const ROUTES = ['/admin', '/admin?env=bookcase-local', '/client/callFunction', '/client/database', '/client/storage/uploadFile?cloudPath=covers/o-fuzz/a.jpg', '/client/storage/getTempFileURL', '/client/storage/deleteFile', '/client/storage/file?fileID=', '/_/data', '/_/data?c=fuzz', '/_/storage/file/', '/_/storage/upload/', '/health', '/', '/preview/']
const ODD_TARGETS = ['//', '//[', '\\', '%', '%zz', '/%zz', '/%', '/%E4%B8', '*', 'http://evil.example/admin', '/_/storage/file/..%2f..%2fetc', `/${'a'.repeat(20_000)}`]
// Characters a path may carry, and a few (space, tab, raw non-ASCII) that break the request line.
const TAIL_CHARS = [...'az09/%.[]?=&\\#:@~fFE'.split(''), '%2f', '%00', '%E4%B8%89', ' ', '\t', 'ä']
const targetArb = fc.oneof(
  { arbitrary: fc.constantFrom(...ROUTES), weight: 3 },
  { arbitrary: fc.constantFrom(...ODD_TARGETS), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...ROUTES), fc.array(fc.constantFrom(...TAIL_CHARS), { maxLength: 30 }))
      .map(([route, tail]) => route + tail.join('')),
    weight: 2,
  },
)

const methodArb = mostly('POST', 'GET', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'BREW', 'get', '')

/** Header values (undefined: no such header); `port` is the emulator's. */
const hostArb = (port: number) =>
  mostly<string | undefined>(`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', '', undefined)
const originArb = (port: number) => mostly<string | undefined>(undefined, `http://127.0.0.1:${port}`, 'http://evil.example', 'null', '')
const contentTypeArb = mostly<string | undefined>('application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data', '', undefined)
const fetchSiteArb = mostly<string | undefined>(undefined, 'cross-site', 'same-site', 'same-origin', 'none', 'bogus')

const deepArb = fc.integer({ min: 60, max: 5_000 }).map((n) => '['.repeat(n) + ']'.repeat(n))
const ejsonArb = fc.oneof(fc.json(), fc.string({ maxLength: 20 }), deepArb.map((deep) => `{"a":${deep}}`), fc.constant(''))
const adminBodyArb = fc
  .record({
    action: fc.constantFrom(
      'database.getDocument',
      'database.calculateDocument',
      'database.insertDocument',
      'database.modifyDocument',
      'database.removeDocument',
      'database.aggregateDocuments',
      'database.addCollection',
      // Not startTransaction: an abandoned transaction holds the store's lock for 10 s by design,
      // which would only make honest requests wait.
      'functions.invokeFunction',
      'storage.getUploadMetadata',
      'storage.batchGetDownloadUrl',
      'nope',
    ),
    collectionName: fc.constantFrom('fuzz', 'fuzz', 'missing', '', 7),
    query: ejsonArb,
    data: fc.oneof(ejsonArb, fc.array(ejsonArb, { maxLength: 3 })),
    multi: fc.boolean(),
    function_name: fc.constantFrom('whoami', 'missing', ''),
    request_data: ejsonArb,
    path: fc.string({ maxLength: 20 }),
  })
  .map((body) => JSON.stringify(body))
const gatewayBodyArb = fc
  .record({ name: fc.constantFrom('whoami', 'whoami', 'missing', '', 1), data: fc.jsonValue({ maxDepth: 4 }) })
  .map((body) => JSON.stringify(body))
const clientDbBodyArb = fc
  .record(
    {
      collection: fc.constantFrom('fuzz', 'books', 'missing', '', 7),
      op: fc.constantFrom('get', 'count', 'add', 'update', 'set', 'remove', 'nope'),
      docId: fc.constantFrom('d1', '', 3),
      query: ejsonArb,
      order: fc.constantFrom([['a', 'asc']], [['$a', 'desc']], 'a'),
      limit: fc.constantFrom(1, 100, -1, 1.5, 'x'),
      field: fc.constantFrom({ a: true }, { a: 1 }, { $where: true }),
      data: ejsonArb,
    },
    { requiredKeys: ['collection', 'op'] },
  )
  .map((body) => JSON.stringify(body))
const fileIdArb = fc.constantFrom('cloud://bookcase-local.626f-bookcase-local-1300000000/covers/o-fuzz/a.jpg', 'cloud://x/../../etc', 'nope', '', 5)
const clientStorageBodyArb = fc
  .record({ fileList: fc.oneof(fc.array(fc.oneof(fileIdArb, fc.record({ fileID: fileIdArb, maxAge: fc.constantFrom(1, -1, 'x', 1e12) })), { maxLength: 60 }), fileIdArb) })
  .map((body) => JSON.stringify(body))
const bodyArb = fc.oneof(
  fc.constant(''),
  fc.json(),
  deepArb,
  deepArb.map((deep) => `{"name":"whoami","data":${deep}}`),
  fc.json().chain((text) => fc.nat(text.length).map((n) => text.slice(0, n))),
  fc.string({ maxLength: 200 }),
  adminBodyArb,
  gatewayBodyArb,
  clientDbBodyArb,
  clientStorageBodyArb,
)

/** How the body is framed: honestly (declared, chunked, none) or with a lie. */
type Framing = 'length' | 'chunked' | 'none' | 'longer' | 'shorter' | 'garbage' | 'broken-chunks'
const framingArb = mostly<Framing>('length', 'chunked', 'none', 'longer', 'shorter', 'garbage', 'broken-chunks')
const HONEST = new Set<Framing>(['length', 'chunked', 'none'])

interface FuzzRequest {
  method: string
  target: string
  headers: [string, string | undefined][]
  body: string
  framing: Framing
}

/** Anything at all. */
const wildArb = (port: number) =>
  fc.record({
    method: methodArb,
    target: targetArb,
    headers: fc
      .tuple(hostArb(port), originArb(port), contentTypeArb, fetchSiteArb, fc.constantFrom(undefined, 'o-fuzz', ''), mostly(false, true))
      .map(([host, origin, type, site, openid, twoHosts]): [string, string | undefined][] => [
        ['Host', host],
        ['Host', twoHosts ? 'evil.example' : undefined],
        ['Origin', origin],
        ['Content-Type', type],
        ['Sec-Fetch-Site', site],
        ['x-wx-openid', openid],
      ]),
    body: bodyArb,
    framing: framingArb,
  })

/** What passes every guard, so the admin and gateway handlers meet the random bodies themselves. */
const plausibleArb = (port: number) =>
  fc.record({
    method: fc.constant('POST'),
    target: fc.constantFrom('/admin?env=bookcase-local', '/client/callFunction', '/client/database'),
    headers: fc.constantFrom<[string, string | undefined][]>([
      ['Host', `127.0.0.1:${port}`],
      ['Content-Type', 'application/json'],
    ]),
    body: bodyArb,
    framing: mostly<Framing>('length', 'chunked', 'longer', 'shorter'),
  })

const requestArb = (port: number) => fc.oneof(wildArb(port), plausibleArb(port))

function bytesOf({ method, target, headers, body, framing }: FuzzRequest): Buffer {
  const payload = Buffer.from(body)
  const lines = [`${method} ${target} HTTP/1.1`, ...headers.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`)]
  let framed = payload
  if (framing === 'length') lines.push(`Content-Length: ${payload.length}`)
  if (framing === 'longer') lines.push(`Content-Length: ${payload.length + 1 + (payload.length % 1000)}`)
  if (framing === 'shorter') lines.push(`Content-Length: ${Math.floor(payload.length / 2)}`)
  if (framing === 'garbage') lines.push(`Content-Length: ${['-1', 'abc', '1e3', '99999999999999999999', ' 5'][payload.length % 5]}`)
  if (framing === 'chunked' || framing === 'broken-chunks') {
    lines.push('Transfer-Encoding: chunked')
    const chunks = payload.length ? `${payload.length.toString(16)}\r\n${body}\r\n` : ''
    framed = Buffer.from(framing === 'chunked' ? `${chunks}0\r\n\r\n` : `${chunks}zz\r\n`)
  }
  if (framing === 'none') framed = Buffer.alloc(0)
  lines.push('Connection: close')
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), framed])
}

async function inPool<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await run(items[i])
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return results
}

const crashed = () => /Unhandled|uncaughtException|Node\.js v\d|Maximum call stack/.test(emu.output())

test(
  'a few thousand random raw requests leave the emulator answering, and no handler fails',
  async () => {
    let sent = 0
    let slowest = 0
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb(emu.port), { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), async (batch) => {
        const replies: RawReply[] = await inPool(batch, CONCURRENCY, async (request) => {
          const started = performance.now()
          const reply = await exchange(emu.port, bytesOf(request), HONEST.has(request.framing) ? ANSWER_TIMEOUT_MS : LIE_TIMEOUT_MS)
          if (HONEST.has(request.framing)) slowest = Math.max(slowest, performance.now() - started)
          return reply
        })
        sent += batch.length
        batch.forEach((request, i) => {
          const { status, end } = replies[i]
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
          // Every honestly framed request gets an answer, and none is a handler failure.
          const answered = status > 0 && end === 'closed'
          if (HONEST.has(request.framing) && !answered) throw new Error(`no answer (${end}) to ${JSON.stringify(bytesOf(request).toString().slice(0, 300))}\n${emu.output().slice(-3000)}`)
          if (status >= 500) throw new Error(`${status} for ${JSON.stringify(bytesOf(request).toString().slice(0, 300))}`)
        })
        expect((await fetch(`${emu.url}/health`)).status).toBe(200)
        expect(crashed()).toBe(false)
      }),
      { numRuns: BATCHES, endOnFailure: true, interruptAfterTimeLimit: 20_000 },
    )
    expect(sent).toBeGreaterThanOrEqual(1_000)
    console.info(`fuzz: ${sent} requests, slowest honest answer ${Math.round(slowest)} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`)

    // Still a working emulator: the SDK and the gateway, as an app uses them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's d.ts types calls as `Promise | void`
    const db: any = connectSdk(emu.url).database()
    await db.createCollection('after_fuzz')
    const { _id } = await db.collection('after_fuzz').add({ data: { title: 'still here' } })
    expect((await db.collection('after_fuzz').doc(_id).get()).data).toMatchObject({ title: 'still here' })
    const call = await callGateway<{ event: { ok: number } }>(emu.url, 'whoami', { ok: 1 }, { openid: 'o-after' })
    expect(call.body).toMatchObject({ errMsg: 'cloud.callFunction:ok', result: { event: { ok: 1 } } })
    expect(emu.child.exitCode).toBeNull()
    expect(crashed()).toBe(false)
  },
  90_000,
)
