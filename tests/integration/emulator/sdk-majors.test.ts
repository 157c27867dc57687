// Functions pinned to older wx-server-sdk majors reach the emulator unmodified (emulator/README.md,
// "Older wx-server-sdk majors"). The same conformance function, which says `require('wx-server-sdk')`
// as a real project does, runs through the gateway with each major linked into its folder's
// node_modules: the database round trip, a transaction, storage, a function calling a function and the
// caller's identity must come out the same. 0.8.1 (what the classic course demo pins; no transactions)
// and 1.8.3 (tcb-admin-node) ignore the URL override and reach the emulator through its admin-host
// proxy, in the legacy plain-JSON format (and its transactions' own); 2.0.4 speaks that format too but
// to the URL it is given; 2.2.0 stands for the early 2.x (node-sdk 2.1.1), which reads the URL only when
// TCB_CONTEXT_KEYS lists it.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { callGateway } from '../../support/gateway'
import { connectSdk, ROOT, startEmulator, type EmulatorHandle } from '../../support/emulator'
import { rawRequest, type RawRequest } from '../../support/raw-http'

const FIXTURES = path.join(ROOT, 'tests/fixtures/functions-sdk-majors')
/** Stands for the emulator's port in test tables written before it is known. */
const PLACEHOLDER_PORT = '<port>'

/** Each package (an npm alias in package.json's devDependencies), the version it must be, whether it has transactions. */
const MAJORS: [alias: string, version: string, transactions: boolean][] = [
  ['wx-server-sdk-0', '0.8.1', false],
  ['wx-server-sdk-1', '1.8.3', true],
  ['wx-server-sdk-2-0', '2.0.4', true],
  ['wx-server-sdk-2-early', '2.2.0', true],
  ['wx-server-sdk-2', '2.7.2', true],
  ['wx-server-sdk-3', '3.0.4', true],
  ['wx-server-sdk', '4.0.2', true],
]

/** A functions root of the fixtures whose node_modules/wx-server-sdk is the aliased package. */
function functionsRootWith(alias: string): string {
  const root = mkdtempSync(path.join(tmpdir(), `bookcase-${alias}-`))
  cpSync(FIXTURES, root, { recursive: true })
  mkdirSync(path.join(root, 'node_modules'))
  symlinkSync(path.join(ROOT, 'node_modules', alias), path.join(root, 'node_modules', 'wx-server-sdk'), 'dir')
  return root
}

describe.each(MAJORS)('a function on %s (wx-server-sdk %s)', (alias, version, transactions) => {
  let emu: EmulatorHandle
  let root: string
  beforeAll(async () => {
    root = functionsRootWith(alias)
    emu = await startEmulator({ functionsDir: root })
  })
  afterAll(async () => {
    await emu?.stop()
    rmSync(root, { recursive: true, force: true })
  })

  test('runs the conformance set against the emulator', async () => {
    const at = Date.UTC(2024, 0, 2, 3, 4, 5)
    const reply = await callGateway<Record<string, unknown>>(emu.url, 'conformance', { collection: 'sdk_majors', at }, { openid: 'o-alice', appid: 'wx-app-1' })
    expect(reply.body.errMsg).toBe('cloud.callFunction:ok')
    const identity = { OPENID: 'o-alice', APPID: 'wx-app-1', ENV: 'bookcase-local', CLIENTIP: '127.0.0.1' }
    expect(reply.body.result).toEqual({
      version,
      addedId: true,
      got: { title: 'Dune', at },
      query: ['Ubik'],
      count: 2,
      update: { updated: 1, reads: 3, tags: ['sf', 'classic'], hasYear: false },
      updateMany: 1,
      removed: 1,
      serverDate: true,
      regexp: 1,
      aggregate: [{ n: 2 }],
      ...(transactions ? { transaction: { reads: 4, created: 'Created' } } : {}),
      left: transactions ? ['Created:0', 'Dune:4', 'Set:7', 'Ubik:2'] : ['Dune:3', 'Ubik:2'],
      called: {
        context: expect.objectContaining({ ...identity, SOURCE: 'wx_client,scf' }),
        event: { from: 'conformance', userInfo: { appId: 'wx-app-1', openId: 'o-alice' } },
      },
      me: expect.objectContaining({ ...identity, SOURCE: 'wx_client' }),
    })
    // Every call went to this emulator's /admin: the fixture's database is here.
    expect(emu.output()).not.toMatch(/ENOTFOUND|ECONNREFUSED/)
  })

  test('uploads (a COS form before 4.x), temp URLs, downloads and deletes files', async () => {
    const { fileID } = await connectSdk(emu.url).uploadFile({ cloudPath: `by-4.0.2-for-${version}.txt`, fileContent: Buffer.from('stored by 4.0.2') })
    const reply = await callGateway<Record<string, unknown>>(emu.url, 'files', { fileID })
    expect(reply.body.result).toEqual({
      uploaded: 'from-function.bin',
      readBack: 'ff00c3280d0a2d2d',
      url: true,
      download: 'stored by 4.0.2',
      removed: 0,
      gone: true,
    })
  })
})

describe('the admin-host proxy that wx-server-sdk 1.x reaches the emulator through', () => {
  let emu: EmulatorHandle
  let root: string
  /** The proxy URL's userinfo, as a 1.x instance got it, sent as tcb-admin-node's `request` sends it. */
  let credentials: string
  const ADMIN_TARGET = 'http://tcb-admin.tencentyun.com/admin?&eventId=1&seqId=1'
  const addBody = (title: string) => JSON.stringify({ action: 'database.addDocument', envName: 'bookcase-local', collectionName: 'proxied', data: { title } })
  const proxied = (headers: Record<string, string | undefined>, body = addBody('by hand')): RawRequest => ({
    method: 'POST',
    target: ADMIN_TARGET,
    headers: { host: 'tcb-admin.tencentyun.com', 'content-type': 'application/json', 'proxy-authorization': `Basic ${credentials}`, ...headers },
    body,
  })
  const titles = async () => {
    const reply = await rawRequest(emu.port, proxied({}, JSON.stringify({ action: 'database.queryDocument', envName: 'bookcase-local', collectionName: 'proxied' })))
    return (JSON.parse(reply.body) as { data: { list: { title: string }[] } }).data.list.map((doc) => doc.title)
  }

  beforeAll(async () => {
    root = functionsRootWith('wx-server-sdk-1')
    emu = await startEmulator({ functionsDir: root })
    const reply = await callGateway<{ proxy: string; runenv: string }>(emu.url, 'proxy-env', {})
    const proxy = new URL(reply.body.result!.proxy)
    expect(reply.body.result!.runenv).toBe('SCF')
    expect(proxy.host).toBe(`127.0.0.1:${emu.port}`)
    credentials = Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')
    await rawRequest(emu.port, {
      method: 'POST',
      target: '/admin',
      headers: { host: `127.0.0.1:${emu.port}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.addCollection', envName: 'bookcase-local', collectionName: 'proxied' }),
    })
  })
  afterAll(async () => {
    await emu?.stop()
    rmSync(root, { recursive: true, force: true })
  })

  test('answers the legacy admin request that carries its credentials', async () => {
    const reply = await rawRequest(emu.port, proxied({}))
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ data: { _id: expect.any(String) } })
    expect(await titles()).toContain('by hand')
  })

  test.each<[string, Record<string, string | undefined>]>([
    ['no Proxy-Authorization (any client that is not a function instance)', { 'proxy-authorization': undefined }],
    ['wrong credentials', { 'proxy-authorization': `Basic ${Buffer.from('function:guess').toString('base64')}` }],
    ['a Host that is not the admin host', { host: `127.0.0.1:${PLACEHOLDER_PORT}` }],
    ['a page: Origin and Sec-Fetch-Site (the route keeps the sdk guard)', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['a form post (not JSON)', { 'content-type': 'text/plain' }],
  ])('refuses a proxied request with %s, and writes nothing', async (_why, headers) => {
    const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v?.replace(PLACEHOLDER_PORT, String(emu.port))]))
    const reply = await rawRequest(emu.port, proxied(resolved, addBody('refused')))
    expect(reply.status).toBe(403)
    expect(await titles()).not.toContain('refused')
  })

  test.each([
    ['another host', 'http://example.com/admin', 'example.com'],
    ['another path on the admin host', 'http://tcb-admin.tencentyun.com/other', 'tcb-admin.tencentyun.com'],
    ['the emulator itself, absolute-form', `http://127.0.0.1:${PLACEHOLDER_PORT}/admin`, `127.0.0.1:${PLACEHOLDER_PORT}`],
    ['userinfo in the target', 'http://function:x@tcb-admin.tencentyun.com/admin', 'tcb-admin.tencentyun.com'],
  ])('is no open proxy: an absolute target (%s) is refused, even with the credentials', async (_what, target, host) => {
    const at = (text: string) => text.replace(PLACEHOLDER_PORT, String(emu.port))
    const reply = await rawRequest(emu.port, { ...proxied({ host: at(host) }, addBody('elsewhere')), target: at(target) })
    expect(reply.status).toBe(403)
    expect(await titles()).not.toContain('elsewhere')
  })

  test('a browser-style request to the legacy route with a foreign Host is refused by the Host wall', async () => {
    const reply = await rawRequest(emu.port, {
      method: 'POST',
      target: '/admin/legacy',
      headers: { host: 'evil.example', 'content-type': 'application/json', origin: 'http://evil.example' },
      body: addBody('rebound'),
    })
    expect(reply.status).toBe(403)
    expect(await titles()).not.toContain('rebound')
  })

  test('functions on 2.1 and later get no proxy', async () => {
    const modern = functionsRootWith('wx-server-sdk')
    const other = await startEmulator({ functionsDir: modern })
    try {
      const reply = await callGateway(other.url, 'proxy-env', {})
      expect(reply.body.result).toEqual({ proxy: null, runenv: null })
    } finally {
      await other.stop()
      rmSync(modern, { recursive: true, force: true })
    }
  })
})
