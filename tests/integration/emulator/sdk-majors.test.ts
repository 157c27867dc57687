// Functions pinned to older wx-server-sdk majors reach the emulator unmodified (emulator/README.md,
// "Older wx-server-sdk majors"). The same conformance function, which says `require('wx-server-sdk')`
// as a real project does, runs through the gateway with each major linked into its folder's
// node_modules: the database round trip, a transaction, a function calling a function and the
// caller's identity must come out the same. 2.2.0 stands for the early 2.x (node-sdk 2.1.1), which
// reads the emulator's URL only when TCB_CONTEXT_KEYS lists it.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { callGateway } from '../../support/gateway'
import { ROOT, startEmulator, type EmulatorHandle } from '../../support/emulator'

const FIXTURES = path.join(ROOT, 'tests/fixtures/functions-sdk-majors')

/** The version each package (an npm alias in package.json's devDependencies) must be. */
const MAJORS: [alias: string, version: string][] = [
  ['wx-server-sdk-2-early', '2.2.0'],
  ['wx-server-sdk-2', '2.7.2'],
  ['wx-server-sdk-3', '3.0.4'],
  ['wx-server-sdk', '4.0.2'],
]

/** A functions root of the fixtures whose node_modules/wx-server-sdk is the aliased package. */
function functionsRootWith(alias: string): string {
  const root = mkdtempSync(path.join(tmpdir(), `bookcase-${alias}-`))
  cpSync(FIXTURES, root, { recursive: true })
  mkdirSync(path.join(root, 'node_modules'))
  symlinkSync(path.join(ROOT, 'node_modules', alias), path.join(root, 'node_modules', 'wx-server-sdk'), 'dir')
  return root
}

describe.each(MAJORS)('a function on %s (wx-server-sdk %s)', (alias, version) => {
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
      transaction: 4,
      left: ['Dune:4', 'Ubik:2'],
      called: {
        context: expect.objectContaining({ ...identity, SOURCE: 'wx_client,scf' }),
        event: { from: 'conformance', userInfo: { appId: 'wx-app-1', openId: 'o-alice' } },
      },
      me: expect.objectContaining({ ...identity, SOURCE: 'wx_client' }),
    })
    // Every call went to this emulator's /admin: the fixture's database is here.
    expect(emu.output()).not.toMatch(/ENOTFOUND|ECONNREFUSED/)
  })
})
