// The function runner itself, against the built worker bootstrap (.build/emulator/worker.js): whatever
// an invocation does — throw, time out, crash, leave a stray error behind, fail to load, carry an event
// the worker cannot receive — the pool gets its slot back, no timer stays armed, and the next calls on
// the same function succeed at once.
import { utimesSync } from 'fs'
import path from 'path'
import type { FunctionConfig, ProjectConfig } from '../../../emulator/config'
import { FunctionRunner, type PoolStats, type RunnerOptions } from '../../../emulator/functions/runner'
import { ROOT } from '../../support/emulator'

const FUNCTIONS = path.join(ROOT, 'tests/fixtures/functions')
const settings = (timeout: number): FunctionConfig => ({ timeout, memorySize: 64, envVariables: {} })
const config: ProjectConfig = {
  functionRoot: FUNCTIONS,
  functions: new Map([
    ['sleepy', settings(2)],
    ['crash', settings(3)],
  ]),
}
const caller = { source: 'wx_client' }
const FREE: PoolStats = { instances: 0, idle: 0, busy: 0, waiting: 0 }
const WARM: PoolStats = { instances: 1, idle: 1, busy: 0, waiting: 0 }

let runners: FunctionRunner[] = []
let lines: string[] = []
function makeRunner(options: Partial<RunnerOptions> = {}): FunctionRunner {
  const runner = new FunctionRunner({
    functionRoot: FUNCTIONS,
    config,
    hostEnv: {},
    adminUrl: () => 'http://127.0.0.1:9/admin',
    workerFile: path.join(ROOT, '.build/emulator/worker.js'),
    log: (message) => lines.push(message),
    maxInstances: 1,
    ...options,
  })
  runners.push(runner)
  return runner
}
const coldStarts = (name: string) => lines.filter((line) => line.startsWith(`function ${name}: cold start in`)).length
const result = async (promise: Promise<{ json: string | undefined }>) => JSON.parse((await promise).json ?? 'null') as unknown
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached')
    await sleep(20)
  }
}

/** An event JSON can carry (JSON.parse reads it) but structured clone cannot (too deep to post). */
const deepEvent = () => JSON.parse(`{"deep":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`) as unknown

beforeEach(() => {
  lines = []
  // Function output and the runner's error lines go to the console; keep the test output readable.
  jest.spyOn(console, 'log').mockImplementation(() => undefined)
  jest.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(async () => {
  await Promise.all(runners.map((runner) => runner.close()))
  runners = []
  jest.restoreAllMocks()
})

test.each([
  ['throws', 'crash', { how: 'throw' }, { code: 'FUNCTIONS_EXECUTE_FAIL', message: 'Error: boom' }],
  ['calls process.exit', 'crash', { how: 'exit' }, { code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringMatching(/exited with code 3/) }],
  ['dies of an uncaught exception', 'crash', { how: 'uncaught' }, { code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringMatching(/uncaught boom/) }],
  ['times out', 'sleepy', { ms: 60_000 }, { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' }],
  ['carries an event too deep to post', 'sleepy', deepEvent(), { code: 'INVALID_PARAM', message: expect.stringMatching(/cannot be passed to the function/) }],
  ['carries an event that cannot be cloned', 'sleepy', { callback: () => 1 }, { code: 'INVALID_PARAM' }],
])('an invocation that %s is answered, and calls right after it succeed with the slot back', async (_what, name, event, error) => {
  const runner = makeRunner()
  await expect(runner.invoke(name, event, caller)).rejects.toMatchObject(error)
  for (let i = 0; i < 3; i++) expect(await result(runner.invoke(name, name === 'crash' ? { how: 'fine' } : { ms: 1 }, caller))).toBeTruthy()
  expect(runner.stats()[name]).toEqual(WARM)
})

test('an event that cannot be posted leaves the healthy instance in use, with no timer armed', async () => {
  const runner = makeRunner()
  expect(await result(runner.invoke('sleepy', { ms: 1 }, caller))).toEqual({ slept: 1 })
  await expect(runner.invoke('sleepy', deepEvent(), caller)).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  // Had the failed post armed its 2 s timeout, it would fire during this 1.6 s invocation.
  await sleep(1000)
  expect(await result(runner.invoke('sleepy', { ms: 1600 }, caller))).toEqual({ slept: 1600 })
  expect(coldStarts('sleepy')).toBe(1)
  expect(runner.stats().sleepy).toEqual(WARM)
})

test('with one instance, a timeout followed by queued calls never queues forever', async () => {
  const runner = makeRunner()
  const calls = [runner.invoke('sleepy', { ms: 60_000 }, caller), runner.invoke('sleepy', { ms: 1 }, caller), runner.invoke('sleepy', { ms: 2 }, caller)]
  await eventually(() => runner.stats().sleepy?.waiting === 2)
  const settled = await Promise.allSettled(calls)
  expect(settled[0]).toMatchObject({ status: 'rejected', reason: { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' } })
  expect(settled.slice(1).map((s) => s.status === 'fulfilled' && JSON.parse(s.value.json!))).toEqual([{ slept: 1 }, { slept: 2 }])
  expect(runner.stats().sleepy).toEqual(WARM)
})

test.each([
  ['a stray error after main returned', 'throw-later'],
  ['process.exit in a timer after main returned', 'exit-later'],
])('an instance that dies while idle (%s) frees its slot', async (_what, how) => {
  const runner = makeRunner()
  expect(await result(runner.invoke('crash', { how }, caller))).toEqual({ survived: true })
  await eventually(() => runner.stats().crash.instances === 0)
  expect(runner.stats().crash).toEqual(FREE)
  expect(await result(runner.invoke('crash', { how: 'fine' }, caller))).toEqual({ survived: true })
  expect(coldStarts('crash')).toBe(2)
})

test('a module that fails to load answers every call with the load error and holds no slot', async () => {
  const runner = makeRunner()
  for (let i = 0; i < 2; i++) {
    await expect(runner.invoke('broken-load', {}, caller)).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'Error: cannot load this module' })
    expect(runner.stats()['broken-load']).toEqual(FREE)
  }
})

test('a module that never finishes loading is ended, and so is the next caller’s', async () => {
  const runner = makeRunner({ loadTimeoutSeconds: 0.5 })
  const settled = await Promise.allSettled([runner.invoke('hang-on-load', {}, caller), runner.invoke('hang-on-load', {}, caller)])
  for (const outcome of settled) {
    expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'FUNCTIONS_EXECUTE_FAIL', message: 'hang-on-load/index.js did not finish loading within 0.5 seconds' } })
  }
  expect(runner.stats()['hang-on-load']).toEqual(FREE)
})

test('an instance idle for the idle window is retired, and the next call starts a new one', async () => {
  const runner = makeRunner({ idleSeconds: 0.3 })
  await runner.invoke('sleepy', { ms: 1 }, caller)
  expect(runner.stats().sleepy).toEqual(WARM)
  await eventually(() => runner.stats().sleepy.instances === 0)
  expect(lines).toContain('function sleepy: an instance idle for 0.3 s retired')
  expect(await result(runner.invoke('sleepy', { ms: 1 }, caller))).toEqual({ slept: 1 })
  expect(coldStarts('sleepy')).toBe(2)
})

test('the idle window comes from BOOKCASE_IDLE_SECONDS; a bad value is refused', () => {
  expect(() => makeRunner({ hostEnv: { BOOKCASE_IDLE_SECONDS: 'soon' } })).toThrow('BOOKCASE_IDLE_SECONDS must be a number of seconds ≥ 0, not "soon"')
  expect(() => makeRunner({ maxInstances: undefined, hostEnv: { BOOKCASE_MAX_INSTANCES: '0' } })).toThrow('BOOKCASE_MAX_INSTANCES must be a whole number ≥ 1')
})

test('an instance of an older index.js still running when it is rebuilt is ended when it returns', async () => {
  const runner = makeRunner({ maxInstances: 2 })
  const running = runner.invoke('sleepy', { ms: 300 }, caller)
  await eventually(() => coldStarts('sleepy') === 1)
  const entry = path.join(FUNCTIONS, 'sleepy/index.js')
  const later = new Date(Date.now() + 5000)
  utimesSync(entry, later, later)
  expect(await result(runner.invoke('sleepy', { ms: 1 }, caller))).toEqual({ slept: 1 })
  expect(await result(running)).toEqual({ slept: 300 })
  await eventually(() => runner.stats().sleepy.instances === 1)
  expect(runner.stats().sleepy).toEqual(WARM)
})

/**
 * Timers armed from now on that have neither fired nor been cleared. Counting the process's active
 * Timeouts instead was flaky: timers of earlier tests end, or start, meanwhile.
 */
function trackTimers(): () => number {
  const pending = new Set<unknown>()
  const realSet = global.setTimeout
  const realClear = global.clearTimeout
  jest.spyOn(global, 'setTimeout').mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle: NodeJS.Timeout = realSet((...a: unknown[]) => {
      pending.delete(handle)
      callback(...a)
    }, ms, ...args)
    pending.add(handle)
    return handle
  }) as typeof setTimeout)
  jest.spyOn(global, 'clearTimeout').mockImplementation(((handle?: NodeJS.Timeout | string | number) => {
    pending.delete(handle)
    realClear(handle)
  }) as typeof clearTimeout)
  return () => pending.size
}

test('close() answers running and queued calls and leaves no thread or timer behind', async () => {
  const armed = trackTimers()
  const runner = makeRunner({ idleSeconds: 60 })
  await runner.invoke('crash', { how: 'fine' }, caller) // an idle instance with its idle timer
  const calls = Promise.allSettled([runner.invoke('sleepy', { ms: 60_000 }, caller), runner.invoke('sleepy', { ms: 1 }, caller)])
  await eventually(() => runner.stats().sleepy?.waiting === 1)
  await runner.close()
  const shutDown = { status: 'rejected', reason: { code: 'FUNCTIONS_EXECUTE_FAIL', message: 'the emulator is shutting down' } }
  expect(await calls).toMatchObject([shutDown, shutDown])
  expect(runner.stats()).toEqual({ crash: FREE, sleepy: FREE })
  expect(armed()).toBe(0)
})
