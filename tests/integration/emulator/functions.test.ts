// The function runner and the client gateway: identity, isolation between concurrent invocations,
// function-to-function calls, timeouts and crashes answered with the platform's errors.
import { utimesSync } from 'fs'
import path from 'path'
import { CALL_FUNCTION_PATH } from '../../../emulator/gateway/protocol'
import { callGateway } from '../../support/gateway'
import { ROOT, startEmulator, type EmulatorHandle } from '../../support/emulator'

interface WhoAmI {
  context: Record<string, unknown>
  event: Record<string, unknown>
  requestId: string
}

// Cold starts of several instances at once: seconds on a loaded 2-core machine, not jest's default 5.
jest.setTimeout(30_000)

let emu: EmulatorHandle
beforeAll(async () => {
  emu = await startEmulator({ functionsDir: path.join(ROOT, 'tests/fixtures/functions') })
})
afterAll(async () => {
  await emu?.stop()
})

const health = async () => (await fetch(`${emu.url}/health`)).status

test('a client call sees its caller in getWXContext() and event.userInfo', async () => {
  const reply = await callGateway<WhoAmI>(emu.url, 'whoami', { hello: 'world' }, { openid: 'o-alice', appid: 'wx-app-1', unionid: 'u-alice' })
  expect(reply.status).toBe(200)
  expect(reply.body.errMsg).toBe('cloud.callFunction:ok')
  expect(reply.body.requestID).toBe(reply.body.result!.requestId)
  expect(reply.body.result!.context).toMatchObject({
    OPENID: 'o-alice',
    APPID: 'wx-app-1',
    UNIONID: 'u-alice',
    ENV: 'bookcase-local',
    SOURCE: 'wx_client',
    CLIENTIP: '127.0.0.1',
  })
  expect(reply.body.result!.event).toEqual({ hello: 'world', userInfo: { appId: 'wx-app-1', openId: 'o-alice' } })
  expect(emu.output()).toContain(`[whoami ${reply.body.requestID}] whoami called`)
})

test('a call without x-wx-openid runs without identity', async () => {
  const reply = await callGateway<WhoAmI>(emu.url, 'whoami', {})
  expect(reply.body.errMsg).toBe('cloud.callFunction:ok')
  expect(reply.body.result!.context.OPENID).toBeUndefined()
  expect(reply.body.result!.event.userInfo).toBeUndefined()
})

test('concurrent invocations with different OPENIDs each see their own', async () => {
  const readers = Array.from({ length: 6 }, (_x, i) => `o-reader-${i}`)
  const replies = await Promise.all(
    [...readers, ...readers].map((openid) => callGateway<WhoAmI>(emu.url, 'whoami', { delayMs: 50, me: openid }, { openid })),
  )
  for (const reply of replies) {
    expect(reply.body.result!.context.OPENID).toBe(reply.body.result!.event.me)
  }
})

test('a function calling a function passes the caller on, with SOURCE wx_client,scf', async () => {
  const reply = await callGateway<{ mine: Record<string, unknown>; theirs: WhoAmI }>(emu.url, 'call-other', { name: 'whoami', data: { x: 1 } }, { openid: 'o-bob' })
  expect(reply.body.errMsg).toBe('cloud.callFunction:ok')
  expect(reply.body.result!.mine).toMatchObject({ OPENID: 'o-bob', SOURCE: 'wx_client' })
  expect(reply.body.result!.theirs.context).toMatchObject({ OPENID: 'o-bob', SOURCE: 'wx_client,scf' })
  expect(reply.body.result!.theirs.event).toMatchObject({ x: 1 })
})

test('a timed-out invocation answers the platform error and the emulator stays healthy', async () => {
  const reply = await callGateway(emu.url, 'sleepy', { ms: 60_000 }, { openid: 'o-slow' })
  expect(reply.status).toBe(200)
  expect(reply.body.result).toBeUndefined()
  expect(reply.body.errCode).toBe(-504003)
  expect(reply.body.errMsg).toMatch(/^cloud\.callFunction:fail .*timed out after 3 seconds/)
  expect(await health()).toBe(200)
  const after = await callGateway(emu.url, 'sleepy', { ms: 1 })
  expect(after.body).toMatchObject({ errMsg: 'cloud.callFunction:ok', result: { slept: 1 } })
})

test.each([
  ['throws', 'throw', /Error: boom/],
  ['calls process.exit', 'exit', /exited with code 3/],
  ['dies of an uncaught exception', 'uncaught', /uncaught boom/],
])('a function that %s answers -504002 and harms nothing', async (_name, how, message) => {
  const reply = await callGateway(emu.url, 'crash', { how }, { openid: 'o-crash' })
  expect(reply.body.errCode).toBe(-504002)
  expect(reply.body.errMsg).toMatch(/^cloud\.callFunction:fail /)
  expect(reply.body.errMsg).toMatch(message)
  expect(await health()).toBe(200)
  expect((await callGateway(emu.url, 'crash', { how: 'fine' })).body.result).toEqual({ survived: true })
})

test('an unknown function is a failed call, a malformed request a 400', async () => {
  const reply = await callGateway(emu.url, 'no-such-function', {})
  expect(reply.body.errMsg).toMatch(/^cloud\.callFunction:fail .*not found/)
  const bad = await fetch(`${emu.url}${CALL_FUNCTION_PATH}`, { method: 'POST', body: '{"data":{}}' })
  expect(bad.status).toBe(400)
  const traversal = await callGateway(emu.url, '../whoami', {})
  expect(traversal.body.errCode).toBeDefined()
})

test('warm instances are reused', async () => {
  await callGateway(emu.url, 'read-one', { collection: 'books', id: 'x' })
  const before = (emu.output().match(/function read-one: cold start/g) ?? []).length
  for (let i = 0; i < 5; i++) {
    expect((await callGateway(emu.url, 'read-one', { collection: 'books', id: 'x' })).body.errMsg).toBe('cloud.callFunction:ok')
  }
  expect((emu.output().match(/function read-one: cold start/g) ?? []).length).toBe(before)
})

test('a rebuilt function (its index.js changed) runs in fresh instances', async () => {
  const coldStarts = () => (emu.output().match(/function whoami: cold start/g) ?? []).length
  await callGateway(emu.url, 'whoami', {})
  const before = coldStarts()
  const entry = path.join(ROOT, 'tests/fixtures/functions/whoami/index.js')
  const later = new Date(Date.now() + 5000)
  utimesSync(entry, later, later)
  expect((await callGateway(emu.url, 'whoami', {})).body.errMsg).toBe('cloud.callFunction:ok')
  expect(emu.output()).toMatch(/function whoami changed on disk/)
  expect(coldStarts()).toBe(before + 1)
})

describe('with one instance per function and a 1 s idle window', () => {
  let one: EmulatorHandle
  beforeAll(async () => {
    one = await startEmulator({ functionsDir: path.join(ROOT, 'tests/fixtures/functions'), env: { BOOKCASE_MAX_INSTANCES: '1', BOOKCASE_IDLE_SECONDS: '1' } })
  })
  afterAll(async () => {
    await one?.stop()
  })
  const coldStarts = (name: string) => (one.output().match(new RegExp(`function ${name}: cold start in`, 'g')) ?? []).length
  const sleepyOk = async (ms: number) => expect((await callGateway(one.url, 'sleepy', { ms })).body).toMatchObject({ result: { slept: ms } })

  test('an event nested too deeply for a worker is refused, and the function keeps answering after its timeout', async () => {
    // functions.invokeFunction as the SDK sends it: JSON can carry this event, structured clone cannot.
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`
    const res = await fetch(`${one.url}/admin?env=bookcase-local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'functions.invokeFunction', function_name: 'sleepy', request_data: deep }),
    })
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM' })
    await sleepyOk(1)
    // Past the 3 s timeout a failed post used to leave armed: nothing fires, the emulator still answers.
    await new Promise((resolve) => setTimeout(resolve, 3200))
    await sleepyOk(2)
    expect((await fetch(`${one.url}/health`)).status).toBe(200)
  })

  test('a timeout followed at once by calls never queues them forever', async () => {
    const calls = [callGateway(one.url, 'sleepy', { ms: 60_000 }), callGateway(one.url, 'sleepy', { ms: 3 }), callGateway(one.url, 'sleepy', { ms: 4 })]
    const [timedOut, ...after] = await Promise.all(calls)
    expect(timedOut.body.errCode).toBe(-504003)
    expect(after.map((reply) => reply.body.result)).toEqual([{ slept: 3 }, { slept: 4 }])
  })

  test.each([
    ['a stray error after main returned', 'throw-later'],
    ['process.exit in a timer after main returned', 'exit-later'],
  ])('an instance that dies while idle (%s) frees its slot', async (_what, how) => {
    expect((await callGateway(one.url, 'crash', { how })).body.result).toEqual({ survived: true })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await callGateway(one.url, 'crash', { how: 'fine' })).body.result).toEqual({ survived: true })
  })

  test('a module that fails to load answers every call with its load error', async () => {
    for (let i = 0; i < 2; i++) {
      const reply = await callGateway(one.url, 'broken-load', {})
      expect(reply.body.errCode).toBe(-504002)
      expect(reply.body.errMsg).toMatch(/Error: cannot load this module/)
    }
  })

  test('an instance idle for BOOKCASE_IDLE_SECONDS is retired; the next call starts a new one', async () => {
    await sleepyOk(5)
    const before = coldStarts('sleepy')
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(one.output()).toContain('function sleepy: an instance idle for 1 s retired')
    await sleepyOk(6)
    expect(coldStarts('sleepy')).toBe(before + 1)
  })
})
