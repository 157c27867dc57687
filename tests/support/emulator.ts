// Starts the built emulator (`.build/emulator/cli.js`, what `npm start` runs) as a child process on a
// free loopback port, for tests that need the real thing over HTTP.
import { spawn, type ChildProcess } from 'child_process'
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'

export const ROOT = path.resolve(__dirname, '../..')
export const CLI = path.join(ROOT, '.build/emulator/cli.js')
const READY = /ready at (http:\/\/127\.0\.0\.1:(\d+))/
/**
 * What `npm start` sets too (scripts/start.mjs; the value lives in package.json's `config`). Function threads free large blocks, glibc's dynamic mmap
 * threshold rises with them, and what the threads freed then stays in malloc arenas after they exit:
 * retired instances would not give their memory back. A fixed trim threshold turns that off.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- declared once, in package.json's config
export const MALLOC_TUNABLES: string = require('../../package.json').config.glibcTunables

export interface StartOptions {
  /** Data folder; a fresh temporary one (removed on stop) when omitted. */
  dataDir?: string
  /** Functions root; the CLI default (cloudbaserc.json's functionRoot) when omitted. */
  functionsDir?: string
  /** Extra environment for the emulator process (and, for declared variables, its functions). */
  env?: Record<string, string>
  /** Extra CLI arguments. Tests run with --no-seed and --no-preview unless they pass otherwise. */
  args?: string[]
  seed?: boolean
  preview?: boolean
}

export interface EmulatorHandle {
  url: string
  port: number
  dataDir: string
  child: ChildProcess
  /** Everything the process printed so far (stdout and stderr). */
  output(): string
  /** Ctrl-C: SIGINT and wait for a clean exit. */
  stop(): Promise<number | null>
  /** kill -9, no chance to flush. */
  kill(): Promise<void>
}

export async function startEmulator(options: StartOptions = {}): Promise<EmulatorHandle> {
  const ownDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'bookcase-emu-'))
  const args = [CLI, '--port', '0', '--data', dataDir]
  if (options.functionsDir) args.push('--functions', options.functionsDir)
  args.push(options.seed ? '--seed' : '--no-seed')
  if (!options.preview) args.push('--no-preview')
  args.push(...(options.args ?? []))

  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, GLIBC_TUNABLES: MALLOC_TUNABLES, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = READY.exec(output)
      if (match) resolve(match[1])
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before it was ready:\n${output}`)))
    const timer = setTimeout(() => reject(new Error(`emulator not ready after 20 s:\n${output}`)), 20_000)
    // Node timers can be unref'd; jsdom's (page tests) are plain numbers.
    ;(timer as { unref?: () => void }).unref?.()
  })
  const cleanup = () => {
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true })
  }
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT')
      const code = await exited
      cleanup()
      return code
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL')
      await exited
      cleanup()
    },
  }
}

/**
 * The real wx-server-sdk in this (test) process, pointed at the emulator's admin API, with the same
 * environment a function instance gets. The SDK initialises once per module registry, i.e. once
 * per jest test file; the URL is read per request, so `url` may change between tests.
 */
export function connectSdk(url: string): typeof import('wx-server-sdk') {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    SILENCE: 'true',
    SCF_NAMESPACE: 'bookcase-local',
  })
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk')
  // The d.ts types `env` as a string; the SDK resolves this symbol per request (emulator/README.md, "Function runtime").
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  return cloud
}

/**
 * Runs the CLI (with --no-seed --no-preview before `args`) until it exits by itself, as a refused
 * start does: its exit code and output. One that starts instead is killed after `timeoutMs`.
 */
export function runEmulatorToExit(args: string[], timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--no-seed', '--no-preview', ...args], { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
