// The emulator's walls (emulator/README.md, "Security"), tried as a web page the developer visits would
// try them, and as a crash would: DNS rebinding, cross-site requests, and requests built to knock the
// process over. Every request here is what a browser or a hostile client can really send, over loopback.
import path from 'path'
import { connectSdk, ROOT, startEmulator, type EmulatorHandle } from '../../support/emulator'
import { rawRequest, type RawRequest, type RawReply } from '../../support/raw-http'

let emu: EmulatorHandle
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's d.ts types calls as `Promise | void`
let db: any
let own: string

beforeAll(async () => {
  emu = await startEmulator({
    functionsDir: path.join(ROOT, 'tests/fixtures/functions'),
    preview: true,
    // The preview is served as built; no rebuild on the first GET /.
    env: { BOOKCASE_PREVIEW_REBUILD: '0' },
  })
  db = connectSdk(emu.url).database()
  own = `127.0.0.1:${emu.port}`
})
afterAll(async () => {
  await emu?.stop()
})

const send = (request: RawRequest, timeoutMs?: number) => rawRequest(emu.port, request, timeoutMs)
const json = (reply: RawReply) => JSON.parse(reply.body) as Record<string, unknown>
const whoamiRuns = () => emu.output().match(/whoami called/g)?.length ?? 0
const health = async () => (await fetch(`${emu.url}/health`)).status

/** An admin body as the SDK would send it, by hand. */
const adminBody = (action: string, fields: Record<string, unknown>) => JSON.stringify({ action, envName: 'bookcase-local', ...fields })
const gatewayBody = JSON.stringify({ name: 'whoami', data: { from: 'a test' } })

async function collectionExists(name: string): Promise<boolean> {
  try {
    await db.collection(name).count()
    return true
  } catch (error) {
    if ((error as { errCode?: number }).errCode === -502005) return false
    throw error
  }
}

function expectRefused(reply: RawReply, reason: RegExp) {
  expect(reply.status).toBe(403)
  expect(reply.headers['content-type']).toMatch(/^application\/json/)
  expect(json(reply).error).toMatch(reason)
}

test('a page on a rebound name (Host: evil.example) gets 403 on every route, and nothing runs', async () => {
  const runs = whoamiRuns()
  const evil = `evil.example:${emu.port}`
  const requests: RawRequest[] = [
    {
      method: 'POST',
      target: '/admin?env=bookcase-local',
      headers: { host: evil, 'content-type': 'application/json' },
      body: adminBody('database.addCollection', { collectionName: 'rebound' }),
    },
    { method: 'POST', target: '/client/callFunction', headers: { host: evil, 'content-type': 'application/json' }, body: gatewayBody },
    { target: '/_/data', headers: { host: evil } },
    { target: '/', headers: { host: evil } },
    { target: '/health', headers: { host: `127.0.0.1:${emu.port + 1}` } },
    // No Host at all is no better.
    { target: '/_/data', headers: {} },
  ]
  for (const request of requests) expectRefused(await send(request), /Host/)
  expect(await collectionExists('rebound')).toBe(false)
  expect(whoamiRuns()).toBe(runs)
  // The loopback names themselves, in any case, still reach it.
  for (const host of [own, `LOCALHOST:${emu.port}`, `[::1]:${emu.port}`]) {
    expect((await send({ target: '/health', headers: { host } })).status).toBe(200)
  }
})

test('a cross-site form or text/plain POST to /admin is refused before it runs: nothing created, nothing removed', async () => {
  await db.createCollection('kept')
  await db.collection('kept').add({ data: { title: 'Dune' } })
  const attacks = [
    adminBody('database.addCollection', { collectionName: 'pwned' }),
    adminBody('database.removeDocument', { collectionName: 'kept', query: '', multi: true }),
  ]
  for (const contentType of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
    for (const body of attacks) {
      const reply = await send({ method: 'POST', target: '/admin?env=bookcase-local', headers: { host: own, 'content-type': contentType }, body })
      expectRefused(reply, /content-type/)
    }
  }
  expect(await collectionExists('pwned')).toBe(false)
  expect((await db.collection('kept').count()).total).toBe(1)
})

test("/admin refuses any request a browser makes: an Origin (even the emulator's own) or a Sec-Fetch-Site", async () => {
  const body = adminBody('database.addCollection', { collectionName: 'from_a_page' })
  const browserHeaders = [
    { origin: 'http://evil.example' },
    { origin: `http://${own}` },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
    { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
  ]
  for (const extra of browserHeaders) {
    const reply = await send({ method: 'POST', target: '/admin?env=bookcase-local', headers: { host: own, 'content-type': 'application/json', ...extra }, body })
    expectRefused(reply, /wx-server-sdk requests only/)
  }
  expect(await collectionExists('from_a_page')).toBe(false)
})

test('the gateway refuses a foreign Origin or a cross-site or same-site request, and the function never runs', async () => {
  const runs = whoamiRuns()
  const foreign = [
    { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    { origin: 'http://evil.example' },
    // Another dev server on this machine is same-site, not the emulator's origin.
    { origin: `http://127.0.0.1:${emu.port + 1}`, 'sec-fetch-site': 'same-site' },
    { 'sec-fetch-site': 'cross-site' },
    { origin: 'null' },
  ]
  for (const extra of foreign) {
    const reply = await send({ method: 'POST', target: '/client/callFunction', headers: { host: own, 'content-type': 'application/json', ...extra }, body: gatewayBody })
    expectRefused(reply, /own pages/)
  }
  // A page may also just read the data viewer or a stored file's URL; those are the emulator's own too.
  expectRefused(await send({ target: '/_/data', headers: { host: own, 'sec-fetch-site': 'cross-site' } }), /own pages/)
  expectRefused(await send({ target: '/_/storage/file/x.png?expires=1&sign=0', headers: { host: own, origin: 'http://evil.example' } }), /own pages/)
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(whoamiRuns()).toBe(runs)
})

test("a call from the preview's own origin still works, under any of the emulator's names", async () => {
  for (const name of ['127.0.0.1', 'localhost']) {
    const host = `${name}:${emu.port}`
    const reply = await send({
      method: 'POST',
      target: '/client/callFunction',
      headers: { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'content-type': 'application/json' },
      body: gatewayBody,
    })
    expect(reply.status).toBe(200)
    expect(json(reply)).toMatchObject({ errMsg: 'cloud.callFunction:ok', result: { event: { from: 'a test' } } })
  }
  // The developer opening the data viewer from the address bar.
  expect((await send({ target: '/_/data', headers: { host: own, 'sec-fetch-site': 'none' } })).status).toBe(200)
})

test('unparsable request targets and malformed percent-encoding are answered (400/404, JSON), and the process lives on', async () => {
  for (const target of ['//', '//[', '\\', '//[::1', '/%zz', '/_/data?c=%', '/_/data?c=%E4%B8', '/_/storage/file/%C0%AF?expires=1&sign=0', `/${'a'.repeat(8000)}`]) {
    const reply = await send({ target, headers: { host: own } })
    // A path no route claims reaches the preview, whose 404 is plain text.
    expect([400, 404]).toContain(reply.status)
    if (reply.status === 400) expect(json(reply).error).toMatch(/percent-encoding|malformed request/)
  }
  expect(await health()).toBe(200)
  expect(emu.child.exitCode).toBeNull()
})

test('a body over the limit gets its 413 as JSON and the connection closed, not a reset', async () => {
  const big = JSON.stringify({ name: 'whoami', data: { pad: 'x'.repeat(2 * 1024 * 1024) } })
  // Declared up front, and discovered only while streaming (chunked, no content-length).
  const declared = await send({ method: 'POST', target: '/client/callFunction', headers: { host: own, 'content-type': 'application/json' }, body: big })
  const chunkedBody = `${(big.length).toString(16)}\r\n${big}\r\n0\r\n\r\n`
  const streamed = await send({
    method: 'POST',
    target: '/client/callFunction',
    headers: { host: own, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    body: chunkedBody,
    contentLength: false,
  })
  for (const reply of [declared, streamed]) {
    expect(reply).toMatchObject({ status: 413, end: 'closed', headers: { connection: 'close', 'content-type': expect.stringMatching(/^application\/json/) } })
    expect(json(reply).error).toMatch(/larger than 1048576 bytes/)
  }
  expect(await health()).toBe(200)
})

test('JSON nested 10,000 deep is refused before anything runs, and the emulator is still alive seconds later', async () => {
  await db.createCollection('shallow')
  const runs = whoamiRuns()
  const deep = '['.repeat(10_000) + ']'.repeat(10_000)
  const gateway = await send({
    method: 'POST',
    target: '/client/callFunction',
    headers: { host: own, 'content-type': 'application/json' },
    body: `{"name":"whoami","data":{"deep":${deep}}}`,
  })
  expect(gateway.status).toBe(400)
  expect(json(gateway).error).toMatch(/nested deeper than 64/)

  // On /admin: in the envelope itself, in an EJSON document string, in a function call's request_data.
  const adminBodies = [
    `{"action":"database.insertDocument","collectionName":"shallow","deep":${deep}}`,
    adminBody('database.insertDocument', { collectionName: 'shallow', data: [`{"deep":${deep}}`] }),
    adminBody('functions.invokeFunction', { function_name: 'whoami', request_data: `{"deep":${deep}}` }),
  ]
  for (const body of adminBodies) {
    const reply = await send({ method: 'POST', target: '/admin?env=bookcase-local', headers: { host: own, 'content-type': 'application/json' }, body })
    expect(reply.status).toBe(200)
    expect(json(reply)).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(/nested deeper than/) })
  }
  await new Promise((resolve) => setTimeout(resolve, 3_000))
  expect(await health()).toBe(200)
  expect(whoamiRuns()).toBe(runs)
  expect((await db.collection('shallow').count()).total).toBe(0)
})

test('no answer carries a CORS header, and a preflight is never granted', async () => {
  const preflight = { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
  const replies = await Promise.all([
    send({ method: 'OPTIONS', target: '/admin', headers: { host: own, origin: 'http://evil.example', ...preflight } }),
    send({ method: 'OPTIONS', target: '/client/callFunction', headers: { host: own, origin: 'http://evil.example', ...preflight } }),
    send({ method: 'OPTIONS', target: '/client/callFunction', headers: { host: own, origin: `http://${own}`, ...preflight } }),
    send({ method: 'POST', target: '/client/callFunction', headers: { host: own, origin: 'http://evil.example', 'content-type': 'application/json' }, body: gatewayBody }),
    send({ method: 'POST', target: '/client/callFunction', headers: { host: own, 'content-type': 'application/json' }, body: gatewayBody }),
    send({ target: '/health', headers: { host: own, origin: 'http://evil.example' } }),
    send({ target: '/', headers: { host: own, origin: 'http://evil.example' } }),
  ])
  for (const reply of replies) {
    expect(reply.status).toBeGreaterThan(0)
    expect(Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))).toEqual([])
  }
  for (const reply of replies.slice(0, 3)) expect(reply.status).toBeGreaterThanOrEqual(400)
})
